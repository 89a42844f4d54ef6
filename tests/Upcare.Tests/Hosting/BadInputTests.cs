using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Tests.Infrastructure;
using Upcare.Tests.SocialPrescribing;

namespace Upcare.Tests.Hosting;

/// <summary>
/// Hostile and careless input over pages, /api and /fhir, in the Testing and the Production environment: every answer is
/// a 4xx with a specific message in the edge's own format, nothing is stored, never a 5xx.
/// </summary>
public abstract class BadInputTests(RaceFixture fixture)
{
    private async Task<(UpcareApp App, Guid PersonId, PageClient Clinician)> SetUpAsync(string environment)
    {
        var connection = fixture.App.Services.GetRequiredService<IConfiguration>().GetConnectionString("Upcare")!;
        var app = new UpcareApp(fixture.App.Provider, connection, new Dictionary<string, string?> { ["environment"] = environment });
        var (personId, practiceId) = await app.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.GpPracticeId != null && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
                .OrderBy(p => p.NhsNumber).Select(p => new { p.Id, Practice = p.GpPracticeId!.Value }).FirstAsync();
            return (person.Id, person.Practice);
        });
        return (app, personId, await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Clinician, practiceId)));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task Bad_input_is_refused_with_a_specific_4xx_and_stores_nothing(string environment)
    {
        var (app, personId, clinician) = await SetUpAsync(environment);
        await using var _ = app;
        var url = $"/api/people/{personId}/social-prescribing";
        async Task<(HttpStatusCode Status, string? Type, string Body)> PostAsync(HttpContent content)
        {
            using var response = await clinician.Http.PostAsync(url, content);
            return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
        }

        // NUL in a JSON string value.
        var nul = await PostAsync(Json("""{"reason":"Lonely\u0000","needs":["loneliness"],"consentToContact":true}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (nul.Status, nul.Type));
        Assert.Contains("control character", nul.Body);
        // Invalid UTF-8.
        var invalid = new ByteArrayContent([.. "{\"reason\":\""u8.ToArray(), 0xC3, 0x28, .. "\",\"needs\":[\"loneliness\"],\"consentToContact\":true}"u8.ToArray()]);
        invalid.Headers.ContentType = new("application/json");
        var utf8 = await PostAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, utf8.Status);
        Assert.Contains("not valid UTF-8", utf8.Body);
        // A 10 MB body.
        var huge = await PostAsync(Json($$"""{"reason":"{{new string('a', 10 * 1024 * 1024)}}","needs":["loneliness"],"consentToContact":true}"""));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        // Nesting far deeper than any request needs.
        var deep = await PostAsync(Json(new string('[', 500) + new string(']', 500)));
        Assert.Equal(HttpStatusCode.BadRequest, deep.Status);
        Assert.Contains("nested", deep.Body);
        // Malformed JSON and wrong types: the framework's 400, never a 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Json("""{"reason": "Lonely", """))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Json("""{"reason":"Lonely","needs":"loneliness","consentToContact":"yes"}"""))).Status);
        // Over-long text and unknown codes: the rule's own message.
        var tooLong = await PostAsync(Json($$"""{"reason":"{{new string('a', 5000)}}","needs":["loneliness"],"consentToContact":true}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        var unknown = await PostAsync(Json("""{"reason":"Lonely","needs":["not-a-need"],"consentToContact":true}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Contains("Choose needs from the list", unknown.Body);

        // A page: the NHS.UK error page names the field; nothing is stored.
        var page = await clinician.SubmitAsync($"/people/{personId}/social-prescribing/refer", new Dictionary<string, string>
        {
            ["Input.Reason"] = "Lonely\0 and in debt", ["Input.Needs"] = "loneliness", ["Input.ConsentToContact"] = "true",
        });
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Sorry, we could not accept what was sent", page.H1);
        Assert.Contains("contains a character (such as a null character) that cannot be stored", page.Text);
        var search = await clinician.GetAsync("/people?q=Smith%00");
        Assert.Equal(HttpStatusCode.BadRequest, search.Status);

        // FHIR: an OperationOutcome for a NUL in a search value or in a resource.
        using var fhirSearch = await clinician.Http.GetAsync("/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|%00");
        Assert.Equal(HttpStatusCode.BadRequest, fhirSearch.StatusCode);
        Assert.Contains("\"resourceType\":\"OperationOutcome\"", await fhirSearch.Content.ReadAsStringAsync());
        using var fhirPut = await clinician.Http.PutAsync($"/fhir/Task/{Guid.NewGuid()}",
            new StringContent("""{"resourceType":"Task","status":"accepted","intent":"order","statusReason":{"text":"\u0000"}}""", Encoding.UTF8, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.BadRequest, fhirPut.StatusCode);
        Assert.Contains("\"resourceType\":\"OperationOutcome\"", await fhirPut.Content.ReadAsStringAsync());

        Assert.Equal(0, await app.WithDbAsync(db => db.SocialPrescribingReferrals.CountAsync(r => r.PersonId == personId)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == "social-prescribing-referral")));
    }
}

public sealed class BadInputOnSqliteTests(SqliteRaceFixture fixture) : BadInputTests(fixture), IClassFixture<SqliteRaceFixture>;

public sealed class BadInputOnPostgresTests(PostgresRaceFixture fixture) : BadInputTests(fixture), IClassFixture<PostgresRaceFixture>;
