using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>
/// Walks every page and endpoint the app maps: each must declare a rule; anonymous users and users of the wrong role
/// are refused, and every refusal is in the audit trail. A new endpoint without a rule, or with a rule this test does
/// not know, fails here until someone decides who may use it.
/// </summary>
public abstract partial class EndpointAccessTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>Who each rule admits, written out here independently of the app's own table.</summary>
    private static readonly Dictionary<string, UserRole[]> Expected = new()
    {
        [AccessPolicies.SignedIn] = Enum.GetValues<UserRole>(),
        [AccessPolicies.FindPeople] = [UserRole.Clinician, UserRole.LinkWorker, UserRole.HealthCoach, UserRole.CareCoordinator, UserRole.BudgetOfficer],
        [AccessPolicies.ReadPersonRecord] = [UserRole.Clinician, UserRole.LinkWorker, UserRole.HealthCoach, UserRole.CareCoordinator, UserRole.BudgetOfficer],
        [AccessPolicies.ChangePersonRecord] = [UserRole.Clinician, UserRole.LinkWorker, UserRole.HealthCoach, UserRole.CareCoordinator, UserRole.BudgetOfficer],
        [AccessPolicies.BreakGlass] = [UserRole.Clinician],
        [AccessPolicies.Clinicians] = [UserRole.Clinician],
        [AccessPolicies.OwnServices] = [UserRole.VcseWorker],
        [AccessPolicies.LinkWorkers] = [UserRole.LinkWorker],
        [AccessPolicies.LinkWorkerManagers] = [UserRole.LinkWorkerManager],
        [AccessPolicies.HealthCoaches] = [UserRole.HealthCoach],
        [AccessPolicies.PeerSupportOrganisers] = [UserRole.VcseWorker, UserRole.HealthCoach],
        [AccessPolicies.OwnOrSharedRecord] = [UserRole.Person],
        [AccessPolicies.ChangeOwnRecord] = [UserRole.Person],
        [AccessPolicies.Administration] = [UserRole.Administrator],
        [AccessPolicies.Figures] = [UserRole.Commissioner],
        [AccessPolicies.FhirClients] = Enum.GetValues<UserRole>(),
    };

    /// <summary>The only routes anyone may use without signing in.</summary>
    private static readonly string[] Public = ["", "Index", "about", "error", "error/{code:int?}", "sign-in", "sign-in/external", "health", "health/live", "health/ready", "directory", "directory/services/{serviceId:guid}",
        // The Open Referral UK API: public by the standard.
        "oruk/", "oruk/services", "oruk/services/{id:guid}", "oruk/service_at_locations", "oruk/service_at_locations/{id:guid}",
        "oruk/taxonomies", "oruk/taxonomies/{id:guid}", "oruk/taxonomy_terms", "oruk/taxonomy_terms/{id:guid}",
        // FHIR: what the server can do and how a system gets a token (it proves who it is in the request itself).
        "fhir/metadata", "fhir/.well-known/smart-configuration", "fhir/auth/token"];

    /// <summary>A mapped endpoint: pages answer GET and POST (<see cref="Methods"/> null), APIs only their own methods.</summary>
    private sealed record Mapped(string Template, string? Policy, bool Anonymous, IReadOnlyList<string>? Methods)
    {
        public bool IsApi => Methods is not null;
        public IEnumerable<HttpMethod> Tried => Methods?.Select(m => new HttpMethod(m)) ?? [HttpMethod.Get, HttpMethod.Post];
        public HttpMethod First => Tried.First();
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, bool api) => new(method, url)
    {
        Content = method == HttpMethod.Get ? null : api ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : new FormUrlEncodedContent([]),
    };

    private List<Mapped> Endpoints()
    {
        var source = App.Services.GetRequiredService<EndpointDataSource>();
        return source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => new Mapped(
                e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).SingleOrDefault(p => p is not null),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToList()))
            .DistinctBy(e => $"{e.Template} {string.Join(",", e.Methods ?? [])}")
            .ToList();
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    private async Task<string> UrlAsync(string template) =>
        "/" + RouteParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "id" => fixture.PersonElsewhere.ToString(),
            "userId" => App.UserIdAsync(fixture.Users[UserRole.LinkWorker]).Result.ToString(),
            "code" => "404",
            "responseId" => Guid.NewGuid().ToString(),
            "instrument" => "ons4",
            "type" => "Patient",
            "file" => "Patient.ndjson",
            "version" => "1",
            "serviceId" or "referralId" or "entryId" or "snapshotId" or "decisionId" or "aidId" or "receiptId" or "groupId" or "providerId" or "contractId" => Guid.NewGuid().ToString(),
            var other => throw new InvalidOperationException($"The test does not know how to fill route value '{other}' in '{template}'"),
        });

    private static UserRole[] Admits(string? policy) =>
        policy is not null && Expected.TryGetValue(policy, out var roles) ? roles : Enum.GetValues<UserRole>();

    [Fact]
    public void Every_endpoint_declares_who_may_use_it()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints found");
        foreach (var e in endpoints)
        {
            if (e.Anonymous)
            {
                Assert.True(Public.Contains(e.Template), $"'/{e.Template}' allows anonymous users but is not on this test's list of public routes");
                continue;
            }
            Assert.True(e.Policy is not null, $"'/{e.Template}' declares no rule: add [Authorize(Policy = AccessPolicies.…)] or [AllowAnonymous]");
            Assert.True(Expected.ContainsKey(e.Policy!), $"'/{e.Template}' uses rule '{e.Policy}', which this test does not know");
        }
    }

    [Fact]
    public async Task Anonymous_requests_are_refused_everywhere_but_the_public_pages_and_each_refusal_is_audited()
    {
        var anonymous = new PageClient(App);
        foreach (var e in Endpoints().Where(e => !e.Anonymous))
        {
            var url = await UrlAsync(e.Template);
            foreach (var method in e.Tried)
            {
                using var response = await anonymous.Http.SendAsync(Request(method, url, e.IsApi));
                Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized, $"{method} {url} gave {response.StatusCode} to an anonymous user");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
                }
                var route = $"{method.Method} /{e.Template}";
                Assert.NotEmpty(await fixture.AuditAsync(q => q.Where(a => a.Route == route && a.UserName == "anonymous" && a.Outcome == AuditOutcome.Refused)));
            }
        }
    }

    [Fact]
    public async Task Users_of_the_wrong_role_are_refused_and_each_refusal_is_audited()
    {
        foreach (var role in Enum.GetValues<UserRole>())
        {
            var client = await PageClient.SignedInAsync(App, fixture.Users[role]);
            var userId = await App.UserIdAsync(fixture.Users[role]);
            // An endpoint with no rule (which the first test fails) falls back to "any signed-in user".
            foreach (var e in Endpoints().Where(e => !e.Anonymous && !Admits(e.Policy).Contains(role)))
            {
                var url = await UrlAsync(e.Template);
                if (e.IsApi)
                {
                    using var response = await client.Http.SendAsync(Request(e.First, url, api: true));
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{e.First} {url} gave {response.StatusCode} to a {role}");
                }
                else
                {
                    var page = await client.GetAsync(url);
                    Assert.True(page.Status == HttpStatusCode.Forbidden, $"GET {url} gave {page.Status} to a {role}");
                    Assert.Equal("You do not have permission to see this page", page.H1);
                }
                var route = $"{e.First.Method} /{e.Template}";
                Assert.NotEmpty(await fixture.AuditAsync(q => q.Where(a => a.Route == route && a.UserId == userId && a.Outcome == AuditOutcome.Refused)));
            }
        }
    }

    [Fact]
    public async Task Staff_with_the_right_role_but_no_relationship_are_refused_every_record_page()
    {
        var recordPages = Endpoints().Where(e => e.Policy is AccessPolicies.ReadPersonRecord or AccessPolicies.ChangePersonRecord).ToList();
        Assert.NotEmpty(recordPages);
        foreach (var role in new[] { UserRole.Clinician, UserRole.LinkWorker, UserRole.HealthCoach, UserRole.CareCoordinator, UserRole.BudgetOfficer })
        {
            var client = await PageClient.SignedInAsync(App, fixture.Users[role]);
            var userId = await App.UserIdAsync(fixture.Users[role]);
            foreach (var e in recordPages)
            {
                var url = await UrlAsync(e.Template); // the person registered elsewhere, on no one's caseload
                using var response = await client.Http.SendAsync(Request(e.First, url, e.IsApi));
                var page = new { Status = response.StatusCode, response.Headers.Location };
                if (role == UserRole.Clinician && e.First == HttpMethod.Get)
                {
                    // A clinician is offered break glass instead, and still sees nothing of the record.
                    Assert.Equal(HttpStatusCode.Redirect, page.Status);
                    Assert.StartsWith($"/people/{fixture.PersonElsewhere}/break-glass", page.Location!.ToString());
                }
                else
                {
                    Assert.Equal(HttpStatusCode.Forbidden, page.Status);
                }
                var route = $"{e.First.Method} /{e.Template}";
                var refused = await fixture.AuditAsync(q => q.Where(a => a.Route == route && a.UserId == userId && a.Outcome == AuditOutcome.Refused && a.PersonId == fixture.PersonElsewhere));
                Assert.NotEmpty(refused);
                Assert.StartsWith("No care relationship", refused[0].Detail);
            }
        }
    }

    [Fact]
    public async Task A_person_cannot_open_someone_elses_record_without_their_permission()
    {
        var client = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Person]);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/me/cares-for/{fixture.Person}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).Status);
    }
}

public sealed class EndpointAccessOnSqliteTests(SqliteAccessFixture fixture) : EndpointAccessTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class EndpointAccessOnPostgresTests(PostgresAccessFixture fixture) : EndpointAccessTests(fixture), IClassFixture<PostgresAccessFixture>;
