using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.People;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>
/// The endpoint enumeration, for looks at named people: every page and API answer a user of each role can open is read
/// for the name or NHS number of anyone in the population, and each person shown must have exactly one audit entry
/// from that request naming them.
/// </summary>
public abstract partial class NamedPeopleAuditTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_answer_that_shows_a_named_person_writes_an_audit_entry_naming_them()
    {
        var people = await App.WithDbAsync(db => db.People.AsNoTracking().Select(p => new { p.Id, p.GivenName, p.FamilyName, p.NhsNumber }).ToListAsync());
        var vcse = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync());
        var templates = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
        // Searches too: by name (every person of that family name the user may see) and by NHS number.
        var searched = people.Single(p => p.Id == fixture.Person);
        templates.Add($"people?Name={Uri.EscapeDataString(searched.FamilyName)}&search=1");
        templates.Add($"people?NhsNumber={searched.NhsNumber}&search=1");
        templates.Add($"admin/audit?NhsNumber={searched.NhsNumber}");
        // The person's own account carries their name, and their own looks put it on the audit trail's page.
        var personEmail = await App.CreateUserAsync(UserRole.Person, personId: fixture.Person, name: $"{searched.GivenName} {searched.FamilyName}");
        Assert.Equal(HttpStatusCode.OK, (await (await PageClient.SignedInAsync(App, personEmail)).GetAsync("/me")).Status);
        var missing = new List<string>();
        var shown = 0;
        foreach (var role in Enum.GetValues<UserRole>())
        {
            // Someone of this role with the fixture's person on their caseload (or registered with them, or their own record).
            var email = role == UserRole.Person ? personEmail
                : await App.CreateUserAsync(role, organisationId: role switch { UserRole.Clinician => fixture.PracticeId, UserRole.VcseWorker => vcse, _ => null });
            var userId = await App.UserIdAsync(email);
            await App.WithDbAsync(db =>
            {
                db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = userId, PersonId = fixture.Person, StartedAt = DateTime.UtcNow });
                return db.SaveChangesAsync();
            });
            var client = await PageClient.SignedInAsync(App, email);
            foreach (var template in templates)
            {
                var url = "/" + RouteParameter().Replace(template, m => m.Groups[1].Value switch
                {
                    "id" => fixture.Person.ToString(),
                    "userId" => userId.ToString(),
                    "code" => "404",
                    "instrument" => "ons4",
                    "type" => "Patient",
                    "file" => "Patient.ndjson",
                    "version" => "1",
                    _ => Guid.NewGuid().ToString(),
                });
                var before = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
                using var response = await client.Http.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }
                var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                var named = people.Where(p => text.Contains($"{p.GivenName} {p.FamilyName}") || text.Contains(p.NhsNumber) || text.Contains($"{p.NhsNumber[..3]} {p.NhsNumber[3..6]} {p.NhsNumber[6..]}")).Select(p => p.Id)
                    // A person signed in sees their own name in every page's header: that is not a look at anyone.
                    .Where(p => !(role == UserRole.Person && p == fixture.Person)).ToList();
                if (named.Count == 0)
                {
                    continue;
                }
                shown++;
                var audited = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Id > before && a.UserId == userId && a.PersonId != null).Select(a => a.PersonId!.Value).ToListAsync());
                foreach (var person in named.Where(p => audited.Count(a => a == p) != 1))
                {
                    missing.Add($"{role}: GET {url} shows {people.Single(p => p.Id == person).GivenName} {people.Single(p => p.Id == person).FamilyName} with {audited.Count(a => a == person)} audit entries naming them, not one");
                }
            }
        }
        Assert.True(shown > 10, $"Only {shown} answers showed a named person: the walk is not reaching the pages");
        Assert.True(missing.Count == 0, string.Join("\n", missing.Distinct().Take(60)));
    }
}

public sealed class NamedPeopleAuditOnSqliteTests(SqliteAccessFixture fixture) : NamedPeopleAuditTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class NamedPeopleAuditOnPostgresTests(PostgresAccessFixture fixture) : NamedPeopleAuditTests(fixture), IClassFixture<PostgresAccessFixture>;
