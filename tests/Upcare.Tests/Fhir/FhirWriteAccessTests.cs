using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Fhir;

/// <summary>The endpoint enumeration, for FHIR writes: every write route, for every resource type, tried by those who may not write.</summary>
public abstract partial class FhirApiTests
{
    /// <summary>Every FHIR route that changes something (the token endpoint aside), with each resource type filled in.</summary>
    private async System.Threading.Tasks.Task<List<(HttpMethod Method, string Url, string? Body)>> FhirWritesAsync()
    {
        var metadata = await Http().GetStringAsync("/fhir/metadata");
        var types = System.Text.Json.JsonDocument.Parse(metadata).RootElement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray()
            .Select(r => r.GetProperty("type").GetString()!).ToList();
        var writes = new List<(HttpMethod, string, string?)>();
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("fhir/") && e.RoutePattern.RawText != "/fhir/auth/token")
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "GET").Select(m => (Method: m, Template: e.RoutePattern.RawText!)))
            .ToList();
        Assert.Contains(routes, r => r.Template == "/fhir/{type}/{id}" && r.Method == "PUT");
        foreach (var (method, template) in routes)
        {
            foreach (var type in template.Contains("{type}") ? types : [""])
            {
                // Another organisation's referral for Task; an id no one has for the rest.
                var id = type == "Task" ? fixture.Theirs.ToString() : Guid.NewGuid().ToString();
                var url = template.Replace("{type}", type).Replace("{id:guid}", id).Replace("{id}", id);
                var body = method == "DELETE" ? null : $$"""{"resourceType":"{{type}}","id":"{{id}}","status":"accepted","intent":"order"}""";
                writes.Add((new HttpMethod(method), url, body));
            }
        }
        return writes;
    }

    private async System.Threading.Tasks.Task<string> StoredAsync() => await App.WithDbAsync(async db =>
        $"{await db.CommunityReferrals.SumAsync(c => c.Version)} {await db.ReferralEvents.CountAsync()} {await db.Notifications.CountAsync()} {await db.OutboxMessages.CountAsync()} " +
        $"{await db.LinkWorkerContacts.CountAsync()} {await db.BulkExports.CountAsync()} {await db.CarePlans.SumAsync(p => p.Version)} {await db.People.CountAsync()} {await db.CarerPermissions.CountAsync()}");

    [Fact]
    public async System.Threading.Tasks.Task Every_FHIR_write_is_refused_to_a_stranger_a_read_only_system_and_the_wrong_role_and_changes_nothing()
    {
        var writes = await FhirWritesAsync();
        Assert.True(writes.Count > 20, $"Only {writes.Count} FHIR writes found");
        var stored = await StoredAsync();

        var readOnly = Http();
        readOnly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Task.rs system/Patient.rs system/Communication.rs"));
        var commissionerEmail = await App.CreateUserAsync(UserRole.Commissioner);
        var commissioner = await PageClient.SignedInAsync(App, commissionerEmail);
        var callers = new (string Who, HttpClient Http, Guid? UserId)[]
        {
            ("a stranger", Http(), null),
            ("a system with read-only scopes", readOnly, null),
            ("a signed-in commissioner", commissioner.Http, await App.UserIdAsync(commissionerEmail)),
        };
        foreach (var (who, http, userId) in callers)
        {
            foreach (var (method, url, body) in writes)
            {
                var refusalsBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcome.Refused));
                using var request = new HttpRequestMessage(method, url);
                request.Headers.Accept.ParseAdd("application/fhir+json");
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
                }
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                Assert.True(status is 401 or 403 or 404 or 405, $"{method} {url} by {who} gave {status}: {text}");
                Assert.Contains("OperationOutcome", text);
                if (who == "a stranger")
                {
                    Assert.Equal(401, status);
                }
                if (status == 403)
                {
                    Assert.True(await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcome.Refused)) > refusalsBefore, $"{method} {url} by {who}: 403 not audited");
                }
            }
        }
        Assert.Equal(stored, await StoredAsync());
    }

    [Fact]
    public async System.Threading.Tasks.Task Another_partys_Task_answers_the_same_whatever_the_version_or_body_and_as_an_unknown_id_does()
    {
        var writer = Http();
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Task.rus"));
        async System.Threading.Tasks.Task<(HttpStatusCode Status, string Text)> PutAsync(Guid id, string body, string? ifMatch = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Task/{id}") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
            using var response = await writer.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var person = await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == fixture.Theirs).Select(c => c.PersonId).SingleAsync());
        var refusalsBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == person && a.Outcome == AuditOutcome.Refused));
        var stored = await StoredAsync();

        var answers = new List<(HttpStatusCode, string)>();
        for (var version = 1; version <= 6; version++)
        {
            foreach (var status in new[] { "accepted", "rejected", "requested", "completed" })
            {
                answers.Add(await PutAsync(fixture.Theirs, $$"""{"resourceType":"Task","id":"{{fixture.Theirs}}","meta":{"versionId":"{{version}}"},"status":"{{status}}","intent":"order"}"""));
            }
            answers.Add(await PutAsync(fixture.Theirs, $$"""{"resourceType":"Task","id":"{{fixture.Theirs}}","status":"accepted","intent":"order"}""", ifMatch: $"W/\"{version}\""));
        }
        // Bodies that would be refused for what they say, were the referral theirs.
        answers.Add(await PutAsync(fixture.Theirs, $$"""{"resourceType":"Task","id":"{{fixture.Theirs}}","intent":"order"}"""));
        answers.Add(await PutAsync(fixture.Theirs, $$"""{"resourceType":"Task","id":"{{Guid.NewGuid()}}","status":"accepted","intent":"order"}"""));
        answers.Add(await PutAsync(fixture.Theirs, $$"""{"resourceType":"Patient","id":"{{fixture.Theirs}}"}"""));

        var (firstStatus, firstText) = answers[0];
        Assert.Equal(HttpStatusCode.NotFound, firstStatus);
        Assert.All(answers, a => Assert.Equal((firstStatus, firstText), a));
        // The same as a Task that does not exist, but for the id.
        var unknown = Guid.NewGuid();
        var (unknownStatus, unknownText) = await PutAsync(unknown, $$"""{"resourceType":"Task","id":"{{unknown}}","status":"accepted","intent":"order"}""");
        Assert.Equal((firstStatus, firstText), (unknownStatus, unknownText.Replace(unknown.ToString(), fixture.Theirs.ToString())));
        // Every try is audited as refused, and nothing changed.
        Assert.Equal(refusalsBefore + answers.Count, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == person && a.Outcome == AuditOutcome.Refused)));
        Assert.Equal(stored, await StoredAsync());
    }
}
