// Firely's model types are only partly annotated for nullability; the assertions here say what must be present.
#nullable disable warnings
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upcare.Access;
using Upcare.Data;
using Upcare.SocialPrescribing;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;
using FhirTask = Hl7.Fhir.Model.Task;

namespace Upcare.Tests.Fhir;

/// <summary>
/// An app with two systems registered for SMART Backend Services — a community organisation's case system and a GP
/// practice's system — a small population, and community referrals to two organisations.
/// </summary>
public abstract class FhirFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;
    public RSA VcseKey { get; } = RSA.Create(2048);
    public RSA PracticeKey { get; } = RSA.Create(2048);
    public RSA StrangerKey { get; } = RSA.Create(2048);
    public RSA PlatformKey { get; } = RSA.Create(2048);
    public Guid Organisation { get; private set; }
    public Guid OtherOrganisation { get; private set; }
    public Guid Ours { get; private set; }
    public Guid Theirs { get; private set; }
    public Upcare.People.Person AtPractice { get; private set; } = default!;
    public Upcare.People.Person Elsewhere { get; private set; } = default!;
    public Guid Plan { get; private set; }
    public Guid PlanElsewhere { get; private set; }
    public Guid Response { get; private set; }

    private static string Jwks(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid, use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
    }

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "fhir"), new Dictionary<string, string?>
        {
            ["Upcare:Fhir:Clients:0:ClientId"] = "friendship-cafe-cases",
            ["Upcare:Fhir:Clients:0:Name"] = "Friendship café case system",
            ["Upcare:Fhir:Clients:0:Role"] = "VcseWorker",
            ["Upcare:Fhir:Clients:0:OrganisationCode"] = "V99901",
            ["Upcare:Fhir:Clients:0:Scopes"] = "system/Task.rus system/ServiceRequest.rs system/Patient.rs system/Communication.crs",
            ["Upcare:Fhir:Clients:0:Jwks"] = Jwks(VcseKey, "vcse-1"),
            ["Upcare:Fhir:Clients:1:ClientId"] = "practice-system",
            ["Upcare:Fhir:Clients:1:Name"] = "Practice system",
            ["Upcare:Fhir:Clients:1:Role"] = "Clinician",
            ["Upcare:Fhir:Clients:1:OrganisationCode"] = "A99901",
            ["Upcare:Fhir:Clients:1:Scopes"] = "system/Patient.rs system/CarePlan.rs system/Goal.rs system/Questionnaire.rs system/QuestionnaireResponse.rs system/Organization.rs system/HealthcareService.rs system/Location.rs system/Consent.rs system/Practitioner.rs system/PractitionerRole.rs",
            ["Upcare:Fhir:Clients:1:Jwks"] = Jwks(PracticeKey, "practice-1"),
            ["Upcare:Fhir:Clients:2:ClientId"] = "icb-data-platform",
            ["Upcare:Fhir:Clients:2:Name"] = "ICB data platform",
            ["Upcare:Fhir:Clients:2:Role"] = "Commissioner",
            ["Upcare:Fhir:Clients:2:OrganisationCode"] = "QXX",
            ["Upcare:Fhir:Clients:2:Scopes"] = "system/*.rs",
            ["Upcare:Fhir:Clients:2:BulkExport"] = "true",
            ["Upcare:Fhir:Clients:2:Jwks"] = Jwks(PlatformKey, "platform-1"),
        });
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(60, 11);
        }
        var organisations = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "V99901" || o.Code == "V99902" || o.Code == "U99901" || o.Code == "A99901")
            .ToDictionaryAsync(o => o.Code, o => o.Id));
        (Organisation, OtherOrganisation) = (organisations["V99901"], organisations["V99902"]);
        AtPractice = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.GpPracticeId == organisations["A99901"]).OrderBy(p => p.NhsNumber).FirstAsync());
        Elsewhere = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.GpPracticeId != organisations["A99901"]).OrderBy(p => p.NhsNumber).FirstAsync());
        (Ours, Theirs) = (Guid.NewGuid(), Guid.NewGuid());
        await App.WithDbAsync(db =>
        {
            var sp = new SocialPrescribingReferral
            {
                Id = Guid.NewGuid(), PersonId = AtPractice.Id, PcnId = organisations["U99901"], ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = DateTime.UtcNow.AddDays(-3),
                Status = SocialPrescribingStatus.Active, FirstContactDue = DateOnly.FromDateTime(DateTime.UtcNow),
            };
            db.SocialPrescribingReferrals.Add(sp);
            foreach (var (id, organisation, name) in new[] { (Ours, Organisation, "Friendship café"), (Theirs, OtherOrganisation, "Walking group") })
            {
                var service = new Upcare.ServiceDirectory.CommunityService { Id = Guid.NewGuid(), OrganisationId = organisation, Name = name };
                db.CommunityServices.Add(service);
                db.CommunityReferrals.Add(new CommunityReferral
                {
                    Id = id, SocialPrescribingReferralId = sp.Id, PersonId = AtPractice.Id, ServiceId = service.Id, ServiceName = name, OrganisationId = organisation,
                    SentByName = "Sam Okafor", SentAt = DateTime.UtcNow.AddDays(-2), ConsentToShare = true, SharedName = AtPractice.GivenName, SharedPhone = "07700 900123",
                    Status = CommunityReferralStatus.Requested, StatusAt = DateTime.UtcNow.AddDays(-2), RespondBy = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)),
                    SendKey = Guid.NewGuid(), Version = 1,
                });
            }
            // A care and support plan each for someone at the practice and someone elsewhere, and a scored ONS4.
            (Plan, PlanElsewhere, Response) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            foreach (var (planId, person) in new[] { (Plan, AtPractice.Id), (PlanElsewhere, Elsewhere.Id) })
            {
                var plan = new Upcare.CarePlans.CarePlan
                {
                    Id = planId, PersonId = person, Status = Upcare.CarePlans.CarePlanStatus.Agreed, Version = 2, AboutMe = "I like gardening", StartedAt = DateTime.UtcNow.AddDays(-20),
                    StartedByName = "Dr Test", UpdatedAt = DateTime.UtcNow.AddDays(-5), ReviewOn = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(3)),
                };
                plan.Goals.Add(new Upcare.CarePlans.CarePlanGoal { Id = Guid.NewGuid(), PlanId = planId, Position = 1, InMyWords = "Walk to the allotment", HowIWillKnow = "I get there twice a week", Progress = Upcare.CarePlans.GoalProgress.Progressing });
                plan.Actions.Add(new Upcare.CarePlans.CarePlanAction { Id = Guid.NewGuid(), PlanId = planId, Position = 1, What = "Join the walking group", Who = Upcare.CarePlans.ActionBy.Me });
                db.CarePlans.Add(plan);
            }
            var at = DateTime.UtcNow.AddDays(-1);
            var response = new Upcare.Outcomes.MeasureResponse
            {
                Id = Response, PersonId = AtPractice.Id, InstrumentCode = "ons4", InstrumentVersion = "GSS harmonised standard", Status = Upcare.Outcomes.ResponseStatus.Completed,
                Mode = Upcare.Outcomes.CompletionMode.SelfCompleted, StartedAt = at, UpdatedAt = at, CompletedAt = at, Version = 2,
            };
            response.Answers.Add(new Upcare.Outcomes.MeasureAnswer { Id = Guid.NewGuid(), ResponseId = Response, ItemCode = "satisfied", Value = 7 });
            response.Scores.Add(new Upcare.Outcomes.MeasureScore { Id = Guid.NewGuid(), ResponseId = Response, Code = "satisfied", Label = "Life satisfaction", Value = 7m, Band = "High" });
            db.MeasureResponses.Add(response);
            return db.SaveChangesAsync();
        });
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        VcseKey.Dispose();
        PracticeKey.Dispose();
        StrangerKey.Dispose();
        PlatformKey.Dispose();
    }
}

public sealed class SqliteFhirFixture() : FhirFixture(DatabaseProvider.Sqlite);

public sealed class PostgresFhirFixture() : FhirFixture(DatabaseProvider.Postgres);

/// <summary>The FHIR API driven by Firely's FhirClient, as a real system would, with SMART Backend Services access tokens.</summary>
public abstract partial class FhirApiTests(FhirFixture fixture)
{
    private const string TokenEndpoint = "https://localhost/fhir/auth/token";
    private UpcareApp App => fixture.App;

    private HttpClient Http() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    private static string Assertion(string clientId, RSA key, string kid, string? audience = null, TimeSpan? lasts = null, string? jti = null, DateTime? notBefore = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience ?? TokenEndpoint,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString() },
            IssuedAt = DateTime.UtcNow,
            NotBefore = notBefore ?? DateTime.UtcNow,
            Expires = DateTime.UtcNow.Add(lasts ?? TimeSpan.FromMinutes(4)),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha384),
        });

    private async System.Threading.Tasks.Task<HttpResponseMessage> AskForTokenAsync(string assertion, string scope) =>
        await Http().PostAsync("/fhir/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion, ["scope"] = scope,
        }));

    private async System.Threading.Tasks.Task<string> TokenAsync(string clientId, RSA key, string kid, string scope)
    {
        using var response = await AskForTokenAsync(Assertion(clientId, key, kid), scope);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private FhirClient Client(string? token)
    {
        var http = Http();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return new FhirClient(new Uri("https://localhost/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    private System.Threading.Tasks.Task<FhirClient> VcseAsync(string scope = "system/Task.rus system/ServiceRequest.rs system/Patient.rs") =>
        TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", scope).ContinueWith(t => Client(t.Result));

    /// <summary>Every resource served parses strictly and passes the Firely SDK's validation of the R4 model.</summary>
    private static void AssertValid(Resource resource)
    {
        var json = resource.ToJson();
        var parsed = JsonSerializer.Deserialize<Resource>(json, new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
        var problems = parsed.Validate(ModelInfo.ModelInspector);
        Assert.True(problems.Count == 0, $"{resource.TypeName}/{resource.Id}: {string.Join("; ", problems.Select(p => p.Message))}");
    }

    [Fact]
    public async System.Threading.Tasks.Task The_capability_statement_says_what_is_served_and_how_to_get_a_token()
    {
        var capabilities = await Client(null).CapabilityStatementAsync();
        AssertValid(capabilities!);
        var rest = Assert.Single(capabilities!.Rest);
        Assert.Equal(["CarePlan", "Communication", "Consent", "Goal", "HealthcareService", "Location", "Organization", "Patient", "Practitioner", "PractitionerRole",
            "Questionnaire", "QuestionnaireResponse", "ServiceRequest", "Task"], rest.Resource.Select(r => r.Type).ToList());
        Assert.Contains(rest.Resource.Single(r => r.Type == "Communication").Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        var task = rest.Resource.Single(r => r.Type == "Task");
        Assert.Contains(task.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        Assert.DoesNotContain(rest.Resource.Single(r => r.Type == "Patient").Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        Assert.Superset(new HashSet<string> { "owner", "status", "_lastUpdated", "patient", "focus" }, task.SearchParam.Select(p => p.Name).ToHashSet());
        Assert.Contains("Task:patient", task.SearchInclude);
        Assert.Contains("Task:focus", rest.Resource.Single(r => r.Type == "ServiceRequest").SearchRevInclude);
        Assert.Equal("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient", rest.Resource.Single(r => r.Type == "Patient").Profile);
        var oauth = rest.Security.GetExtension("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")!;
        Assert.Equal(TokenEndpoint, ((FhirUri)oauth.GetExtension("token")!.Value).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_token_endpoint_refuses_wrong_keys_replays_audiences_and_scopes()
    {
        var wrongKey = await AskForTokenAsync(Assertion("friendship-cafe-cases", fixture.StrangerKey, "vcse-1"), "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await wrongKey.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        var unknown = await AskForTokenAsync(Assertion("nobody", fixture.VcseKey, "vcse-1"), "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        var elsewhere = await AskForTokenAsync(Assertion("friendship-cafe-cases", fixture.VcseKey, "vcse-1", audience: "https://elsewhere.example/token"), "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        var tooLong = await AskForTokenAsync(Assertion("friendship-cafe-cases", fixture.VcseKey, "vcse-1", lasts: TimeSpan.FromHours(1)), "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, tooLong.StatusCode);
        // An assertion made for later (nbf two minutes ahead) is not good yet.
        var early = await AskForTokenAsync(Assertion("friendship-cafe-cases", fixture.VcseKey, "vcse-1", notBefore: DateTime.UtcNow.AddMinutes(2)), "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, early.StatusCode);

        var once = Assertion("friendship-cafe-cases", fixture.VcseKey, "vcse-1");
        Assert.Equal(HttpStatusCode.OK, (await AskForTokenAsync(once, "system/Task.rs")).StatusCode);
        var replayed = await AskForTokenAsync(once, "system/Task.rs");
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Contains("used already", await replayed.Content.ReadAsStringAsync());

        var notRegistered = await AskForTokenAsync(Assertion("friendship-cafe-cases", fixture.VcseKey, "vcse-1"), "system/CarePlan.rs");
        Assert.Equal(HttpStatusCode.BadRequest, notRegistered.StatusCode);
        Assert.Equal("invalid_scope", JsonDocument.Parse(await notRegistered.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // No token, or a made-up one: 401 before anything is read, with an OperationOutcome saying how to get one.
        using var anonymous = await Http().GetAsync($"/fhir/Task/{fixture.Ours}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var outcome = JsonSerializer.Deserialize<OperationOutcome>(await anonymous.Content.ReadAsStringAsync(), new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
        Assert.Contains("/fhir/auth/token", outcome.Issue[0].Diagnostics);
        var forged = Http();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"/fhir/Task/{fixture.Ours}")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_community_organisations_system_finds_and_reads_only_its_own_referrals()
    {
        var client = await VcseAsync();
        var found = (await client.SearchAsync<FhirTask>(["status=requested", $"owner=Organization/{fixture.Organisation}", "_include=Task:patient"]))!;
        var task = Assert.Single(found.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => (FhirTask)e.Resource));
        Assert.Equal(fixture.Ours.ToString(), task.Id);
        Assert.Equal(1, found.Total);
        var patient = (Patient)found.Entry.Single(e => e.Search.Mode == Bundle.SearchEntryMode.Include).Resource;
        Assert.Equal(fixture.AtPractice.GivenName, patient.Name[0].Text);
        Assert.Empty(patient.Address); // only what the referral shares
        AssertValid(found);

        // What changed since a moment: _lastUpdated with a prefix.
        var since = DateTimeOffset.UtcNow.AddDays(-2).AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        Assert.Equal(1, (await client.SearchAsync<FhirTask>([$"owner=Organization/{fixture.Organisation}", $"_lastUpdated=gt{since}", "status=requested"]))!.Total);
        Assert.Equal(0, (await client.SearchAsync<FhirTask>([$"owner=Organization/{fixture.Organisation}", $"_lastUpdated=gt{DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}", "status=requested"]))!.Total);

        // Another organisation's referral: not in its searches, and refused when asked for by id.
        Assert.Equal(0, (await client.SearchAsync<FhirTask>([$"owner=Organization/{fixture.OtherOrganisation}"]))!.Total);
        // A page far past the end is empty, and its links never wrap round to a negative offset.
        var farPage = (await client.SearchAsync<FhirTask>([$"owner=Organization/{fixture.Organisation}", $"_offset={int.MaxValue}"]))!;
        Assert.Empty(farPage.Entry);
        Assert.DoesNotContain(farPage.Link, l => l.Relation == "next");
        Assert.DoesNotContain(farPage.Link, l => l.Url.Contains("_offset=-", StringComparison.Ordinal));
        // Another organisation's referral answers as an unknown id does, as the pages do (the refusal is audited).
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<FhirTask>($"Task/{fixture.Theirs}"));
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Equal($"Task/{fixture.Theirs} is not known", ((OperationOutcome)refused.Outcome!).Issue[0].Diagnostics);
        var missing = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<FhirTask>($"Task/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        // Versions: the current one reads by its version id; an older one is not kept, and it says so.
        Assert.Equal(fixture.Ours.ToString(), (await client.ReadAsync<FhirTask>($"Task/{fixture.Ours}/_history/1"))!.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<FhirTask>($"Task/{fixture.Ours}/_history/7"))).Status);
        // JSON only: a client that wants XML alone is told so.
        var xml = Http();
        xml.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Task.rs"));
        xml.DefaultRequestHeaders.Accept.ParseAdd("application/fhir+xml");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await xml.GetAsync($"/fhir/Task/{fixture.Ours}")).StatusCode);

        var request = (await client.ReadAsync<ServiceRequest>($"ServiceRequest/{fixture.Ours}"))!;
        Assert.Equal(fixture.AtPractice.NhsNumber, request.Subject.Identifier.Value);
        AssertValid(request);
        var requests = (await client.SearchAsync<ServiceRequest>([$"subject=Patient/{fixture.AtPractice.Id}", "status=active", "_revinclude=Task:focus"]))!;
        Assert.Equal([fixture.Ours.ToString()], requests.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource.Id));
        // The referral's Task comes with it.
        var included = (FhirTask)requests.Entry.Single(e => e.Search.Mode == Bundle.SearchEntryMode.Include).Resource;
        Assert.Equal($"ServiceRequest/{fixture.Ours}", included.Focus.Reference);

        // A community organisation never reads the person's record itself, whatever its scopes.
        var record = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>($"Patient/{fixture.AtPractice.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, record.Status);
        Assert.Equal(0, (await client.SearchAsync<Patient>([$"identifier=https://fhir.nhs.uk/Id/nhs-number|{fixture.AtPractice.NhsNumber}"]))!.Total);

        // Every read and refusal is in the audit trail under the system's own account.
        var audit = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "Friendship café case system" && a.PersonId == fixture.AtPractice.Id).Select(a => new { a.Route, a.Outcome }).ToListAsync());
        Assert.Contains(audit, a => a.Route == "GET /fhir/Task/{id}" && a.Outcome == AuditOutcome.Refused);
        Assert.Contains(audit, a => a.Route == "GET /fhir/ServiceRequest/{id}" && a.Outcome == AuditOutcome.Allowed);
        Assert.Contains(audit, a => a.Route == "GET /fhir/Task" && a.Outcome == AuditOutcome.Allowed);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_organisations_system_moves_the_referral_through_the_closed_loop_and_a_stale_write_is_refused()
    {
        var referral = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            var template = await db.CommunityReferrals.AsNoTracking().FirstAsync(c => c.Id == fixture.Ours);
            template.Id = referral;
            template.SendKey = Guid.NewGuid();
            // One open referral per person and service: this one is for someone else.
            template.PersonId = fixture.Elsewhere.Id;
            db.CommunityReferrals.Add(template);
            return await db.SaveChangesAsync();
        });
        var client = await VcseAsync();
        var task = (await client.ReadAsync<FhirTask>($"Task/{referral}"))!;
        Assert.Equal("1", task.Meta.VersionId);
        Assert.Equal(FhirTask.TaskStatus.Requested, task.Status);

        // A jump the loop does not allow (requested → completed) is a business-rule refusal.
        task.Status = FhirTask.TaskStatus.Completed;
        var jump = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(task, versionAware: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, jump.Status);

        task.Status = FhirTask.TaskStatus.Accepted;
        var accepted = (await client.UpdateAsync(task, versionAware: true))!;
        Assert.Equal(("2", FhirTask.TaskStatus.Accepted), (accepted.Meta.VersionId, accepted.Status));
        // The same change again from the version it was read at: refused with 412, nothing overwritten.
        task.Status = FhirTask.TaskStatus.Rejected;
        task.StatusReason = new CodeableConcept { Text = "No places" };
        var stale = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(task, versionAware: true));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(CommunityReferralStatus.Accepted, await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == referral).Select(c => c.Status).SingleAsync()));

        accepted.Status = FhirTask.TaskStatus.InProgress;
        var started = (await client.UpdateAsync(accepted, versionAware: true))!;
        started.Status = FhirTask.TaskStatus.Completed;
        var completed = (await client.UpdateAsync(started, versionAware: true))!;
        Assert.Equal(("4", FhirTask.TaskStatus.Completed), (completed.Meta.VersionId, completed.Status));
        AssertValid(completed);
        // The history names the system as the organisation's side, as if its worker had done it on the pages.
        var events = await App.WithDbAsync(db => db.ReferralEvents.Where(e => e.CommunityReferralId == referral).OrderBy(e => e.At).Select(e => new { e.ByName, e.Party, e.To }).ToListAsync());
        Assert.Equal([CommunityReferralStatus.Accepted, CommunityReferralStatus.InProgress, CommunityReferralStatus.Completed], events.Select(e => e.To!.Value));
        Assert.All(events, e => Assert.Equal(("Friendship café case system", ReferralParty.Responder), (e.ByName, e.Party)));

        // Read-only scopes cannot update; another organisation's Task cannot be updated either.
        var reader = await VcseAsync("system/Task.rs");
        var theirs = (await client.SearchAsync<FhirTask>([$"_id={fixture.Ours}"]))!.Entry.Select(e => (FhirTask)e.Resource).Single();
        theirs.Status = FhirTask.TaskStatus.Accepted;
        var scopeRefusals = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcome.Refused && a.Detail!.Contains("scopes do not allow 'u' on Task")));
        var scoped = await Assert.ThrowsAsync<FhirOperationException>(() => reader.UpdateAsync(theirs, versionAware: true));
        Assert.Equal(HttpStatusCode.Forbidden, scoped.Status);
        // A scope refusal is audited like any other, with why.
        Assert.Equal(scopeRefusals + 1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcome.Refused && a.Detail!.Contains("scopes do not allow 'u' on Task"))));
        var other = new FhirTask { Id = fixture.Theirs.ToString(), Status = FhirTask.TaskStatus.Accepted, Intent = FhirTask.TaskIntent.Order };
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(other));
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);

        // Even sent with the other Task's current status and version (which would change nothing), the answer is a
        // refusal that shows no one's details, and the refusal is audited.
        var current = await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == fixture.Theirs).Select(c => new { c.Status, c.Version, c.PersonId }).SingleAsync());
        var writer = Http();
        writer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Task.rus"));
        var refusalsBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == current.PersonId && a.Route == "PUT /fhir/Task/{id}" && a.Outcome == AuditOutcome.Refused));
        var body = $$"""{"resourceType":"Task","id":"{{fixture.Theirs}}","meta":{"versionId":"{{current.Version}}"},"status":"{{ClosedLoop.FhirCode(current.Status)}}","intent":"order"}""";
        using var sameState = await writer.PutAsync($"/fhir/Task/{fixture.Theirs}", new StringContent(body, System.Text.Encoding.UTF8, "application/fhir+json"));
        var text = await sameState.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, sameState.StatusCode);
        Assert.Contains("OperationOutcome", text);
        var theirPerson = await App.WithDbAsync(db => db.People.Where(p => p.Id == current.PersonId).Select(p => new { p.NhsNumber, p.FamilyName }).SingleAsync());
        Assert.DoesNotContain(theirPerson.NhsNumber, text);
        Assert.DoesNotContain(theirPerson.FamilyName, text);
        Assert.Equal(refusalsBefore + 1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == current.PersonId && a.Route == "PUT /fhir/Task/{id}" && a.Outcome == AuditOutcome.Refused)));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_practice_system_finds_its_patients_by_NHS_number_and_is_refused_others()
    {
        var client = Client(await TokenAsync("practice-system", fixture.PracticeKey, "practice-1", "system/Patient.rs"));
        var found = (await client.SearchAsync<Patient>([$"identifier=https://fhir.nhs.uk/Id/nhs-number|{fixture.AtPractice.NhsNumber}"]))!;
        var patient = (Patient)Assert.Single(found.Entry).Resource;
        Assert.Equal((fixture.AtPractice.FamilyName, fixture.AtPractice.DateOfBirth.ToString("yyyy-MM-dd")), (patient.Name[0].Family, patient.BirthDate));
        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", patient.Identifier[0].System);
        Assert.Equal("A99901", patient.GeneralPractitioner[0].Identifier.Value);
        AssertValid(patient);
        var read = (await client.ReadAsync<Patient>($"Patient/{fixture.AtPractice.Id}"))!;
        Assert.Equal(fixture.AtPractice.Version.ToString(), read.Meta.VersionId);

        // Someone registered elsewhere: not found by search, refused by id (break glass is for people, on the pages).
        Assert.Equal(0, (await client.SearchAsync<Patient>([$"identifier={fixture.Elsewhere.NhsNumber}"]))!.Total);
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>($"Patient/{fixture.Elsewhere.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        // Paging: a page of 2 of the practice's people with a next link that continues where it left off.
        var page = (await client.SearchAsync<Patient>([], pageSize: 2))!;
        Assert.Equal(2, page.Entry.Count);
        Assert.True(page.Total > 2);
        var next = (await client.ContinueAsync(page))!;
        Assert.Empty(page.Entry.Select(e => e.Resource.Id).Intersect(next.Entry.Select(e => e.Resource.Id)));

        // Scopes it was not granted, and bad searches, are refused with an OperationOutcome saying why.
        var tasks = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<FhirTask>([]));
        Assert.Equal(HttpStatusCode.Forbidden, tasks.Status);
        var badDate = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<Patient>(["birthdate=yesterday"]));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Contains("birthdate must be a date", ((OperationOutcome)badDate.Outcome!).Issue[0].Diagnostics);
        var unknown = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<Patient>(["shoe-size=9"]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        var notServed = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Observation>($"Observation/{Guid.NewGuid()}"));
        Assert.Equal(HttpStatusCode.NotFound, notServed.Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_practice_system_reads_its_patients_plans_goals_and_scored_questionnaires()
    {
        var client = Client(await TokenAsync("practice-system", fixture.PracticeKey, "practice-1",
            "system/CarePlan.rs system/Goal.rs system/Questionnaire.rs system/QuestionnaireResponse.rs system/Organization.rs system/HealthcareService.rs system/Location.rs"));
        var plans = (await client.SearchAsync<CarePlan>([$"subject=Patient/{fixture.AtPractice.Id}", "status=active,draft"]))!;
        var plan = (CarePlan)Assert.Single(plans.Entry).Resource;
        Assert.Equal(("2", "I like gardening"), (plan.Meta.VersionId, plan.Description));
        AssertValid(plan);
        // The plan's goals are resources of their own on the server.
        var goal = (await client.ReadAsync<Goal>(plan.Goal[0].Reference))!;
        Assert.Equal("Walk to the allotment", goal.Description.Text);
        Assert.Equal(Goal.GoalLifecycleStatus.Active, goal.LifecycleStatus);
        AssertValid(goal);
        Assert.Equal([goal.Id], (await client.SearchAsync<Goal>([$"patient=Patient/{fixture.AtPractice.Id}", "lifecycle-status=active"]))!.Entry.Select(e => e.Resource.Id));
        // Someone registered elsewhere: their plan is refused and never found.
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<CarePlan>($"CarePlan/{fixture.PlanElsewhere}"))).Status);
        Assert.Equal(0, (await client.SearchAsync<CarePlan>([$"subject=Patient/{fixture.Elsewhere.Id}"]))!.Total);

        var responses = (await client.SearchAsync<QuestionnaireResponse>([$"subject=Patient/{fixture.AtPractice.Id}", "questionnaire=Questionnaire/ons4"]))!;
        var response = (QuestionnaireResponse)Assert.Single(responses.Entry).Resource;
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        Assert.Equal(7m, ((FhirDecimal)response.Item.Single(i => i.LinkId == "score-satisfied").Answer[0].Value).Value);
        Assert.Equal("7", ((Coding)response.Item.Single(i => i.LinkId == "satisfied").Answer[0].Value).Code);
        AssertValid(response);
        var questionnaire = (await client.ReadAsync<Questionnaire>("Questionnaire/ons4"))!;
        Assert.Equal(["satisfied", "worthwhile", "happy", "anxious"], questionnaire.Item.Select(i => i.LinkId));
        // A valid canonical: the version after the bar is one token, the same as the Questionnaire's own.
        Assert.Equal($"{questionnaire.Url}|gss-harmonised-standard", response.Questionnaire);
        Assert.Equal("gss-harmonised-standard", questionnaire.Version);
        AssertValid(questionnaire);

        // The directory and organisations, as public on the FHIR API as on the pages.
        var practice = (Organization)Assert.Single((await client.SearchAsync<Organization>(["identifier=https://fhir.nhs.uk/Id/ods-organization-code|A99901"]))!.Entry).Resource;
        AssertValid(practice);
        var services = (await client.SearchAsync<HealthcareService>([$"organization=Organization/{fixture.Organisation}"]))!;
        Assert.Contains(services.Entry, e => ((HealthcareService)e.Resource).Name == "Friendship café");
        services.Entry.ForEach(e => AssertValid(e.Resource));
        var locations = (await client.SearchAsync<Location>([], pageSize: 3))!;
        locations.Entry.ForEach(e => AssertValid(e.Resource));
    }

    private async System.Threading.Tasks.Task<JsonElement> ExportedAsync(HttpClient http, string kickOff)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, kickOff);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Accept.ParseAdd("application/fhir+json");
        using var started = await http.SendAsync(request);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var status = started.Content.Headers.ContentLocation ?? started.Headers.GetValues("Content-Location").Select(v => new Uri(v)).Single();
        for (var i = 0; i < 240; i++)
        {
            using var poll = await http.GetAsync(status);
            if (poll.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(await poll.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
            Assert.True(poll.Headers.Contains("X-Progress"));
            await System.Threading.Tasks.Task.Delay(250);
        }
        throw new TimeoutException($"{kickOff} did not finish in 60 s");
    }

    /// <summary>Downloads an export's files and parses every line with the Firely parser: type and count as the manifest says.</summary>
    private static async System.Threading.Tasks.Task<Dictionary<string, List<Resource>>> DownloadAsync(HttpClient http, JsonElement manifest)
    {
        var parser = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
        var found = new Dictionary<string, List<Resource>>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray())
        {
            using var file = await http.GetAsync(output.GetProperty("url").GetString());
            Assert.Equal("application/fhir+ndjson", file.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
            var lines = (await file.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var resources = lines.Select(l => JsonSerializer.Deserialize<Resource>(l, parser)!).ToList();
            var type = output.GetProperty("type").GetString()!;
            Assert.All(resources, r => Assert.Equal(type, r.TypeName));
            Assert.Equal(output.GetProperty("count").GetInt64(), resources.Count);
            found[type] = resources;
        }
        return found;
    }

    [Fact]
    public async System.Threading.Tasks.Task A_data_platform_exports_the_population_in_bulk_as_NDJSON_that_parses_back_whole()
    {
        var http = Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync("icb-data-platform", fixture.PlatformKey, "platform-1", "system/Patient.rs system/CarePlan.rs system/Task.rs system/Organization.rs system/QuestionnaireResponse.rs"));
        // Without Prefer: respond-async, or asking for a type that cannot be exported, it is refused with an OperationOutcome.
        using (var sync = await http.GetAsync("/fhir/$export"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, sync.StatusCode);
            Assert.Contains("respond-async", await sync.Content.ReadAsStringAsync());
        }

        var manifest = await ExportedAsync(http, "/fhir/$export?_type=Patient,CarePlan,Task,Organization,QuestionnaireResponse");
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        var exported = await DownloadAsync(http, manifest);
        var (people, plans, referrals, organisations, responses) = await App.WithDbAsync(async db => (await db.People.CountAsync(), await db.CarePlans.CountAsync(),
            await db.CommunityReferrals.CountAsync(), await db.Organisations.CountAsync(), await db.MeasureResponses.CountAsync()));
        Assert.Equal((people, plans, referrals, organisations, responses),
            (exported["Patient"].Count, exported["CarePlan"].Count, exported["Task"].Count, exported["Organization"].Count, exported["QuestionnaireResponse"].Count));
        Assert.Equal(people, exported["Patient"].Select(p => p.Id).Distinct().Count());
        AssertValid(exported["Patient"][0]);
        AssertValid(exported["QuestionnaireResponse"][0]);
        Assert.StartsWith("https://localhost/fhir/Questionnaire/", ((QuestionnaireResponse)exported["QuestionnaireResponse"][0]).Questionnaire);

        // A practice's registered list (a Group export): its patients and what is about them, nothing else.
        var practice = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var groupManifest = await ExportedAsync(http, $"/fhir/Group/{practice}/$export?_type=Patient,CarePlan");
        var group = await DownloadAsync(http, groupManifest);
        // Each person whose record went into an export is audited by name, once an export, so they see it under
        // "who has looked at my record"; nobody else is.
        async System.Threading.Tasks.Task<List<Guid>> AuditedAsync(JsonElement m)
        {
            var id = m.GetProperty("output")[0].GetProperty("url").GetString()!.Split('/')[^2];
            return await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "fhir-bulk-export-record" && a.Detail!.StartsWith($"Export {id} "))
                .Select(a => a.PersonId!.Value).ToListAsync());
        }
        Assert.Equal((await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).ToListAsync())).Order(), (await AuditedAsync(groupManifest)).Order());
        Assert.Equal((await App.WithDbAsync(db => db.People.Select(p => p.Id).ToListAsync())).Order(), (await AuditedAsync(manifest)).Order());
        Assert.Equal(await App.WithDbAsync(db => db.People.CountAsync(p => p.GpPracticeId == practice)), group["Patient"].Count);
        Assert.Equal([fixture.Plan.ToString()], group["CarePlan"].Select(p => p.Id));
        using (var notAbout = await http.GetAsync($"/fhir/Group/{practice}/$export?_type=Organization"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAbout.StatusCode);
        }

        // Only systems registered for bulk export may ask; only the requester reads the status and files; cancelling deletes it.
        var vcse = Http();
        vcse.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Task.rs"));
        using (var refused = new HttpRequestMessage(HttpMethod.Get, "/fhir/$export"))
        {
            refused.Headers.Add("Prefer", "respond-async");
            Assert.Equal(HttpStatusCode.Forbidden, (await vcse.SendAsync(refused)).StatusCode);
        }
        var file = manifest.GetProperty("output")[0].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await vcse.GetAsync(file)).StatusCode);
        var status = file[..file.IndexOf("/$export-file/", StringComparison.Ordinal)] + "/$export-status/" + file.Split('/')[^2];
        Assert.Equal(HttpStatusCode.NotFound, (await vcse.GetAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.DeleteAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(file)).StatusCode);
        Assert.NotEmpty(await App.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "fhir-bulk-export" && a.UserName == "ICB data platform").ToListAsync()));

        // Administrators see the registered systems and their exports (never the files); others are refused.
        var admin = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Administrator));
        var systems = await admin.GetAsync("/admin/fhir");
        var platform = systems.Document.QuerySelectorAll("tbody tr").First(r => r.TextContent.Contains("icb-data-platform"));
        Assert.Equal(["Commissioner, North East and North Cumbria Integrated Care Board (synthetic)", "system/*.rs", "1", "Yes"], platform.QuerySelectorAll("td").Skip(1).Take(4).Select(td => td.TextContent.Trim()));
        Assert.Contains("Completed: ", systems.Text);
        var notAdmin = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        Assert.Equal(HttpStatusCode.Forbidden, (await notAdmin.GetAsync("/admin/fhir")).Status);

        // Files are kept for a day (configurable): after that the export says so, and its files are gone.
        var small = await ExportedAsync(http, "/fhir/$export?_type=Organization");
        var smallFile = small.GetProperty("output")[0].GetProperty("url").GetString()!;
        var exportId = Guid.Parse(smallFile.Split('/')[^2]);
        await App.WithDbAsync(db => db.BulkExports.Where(e => e.Id == exportId).ExecuteUpdateAsync(u => u.SetProperty(e => e.CompletedAt, DateTime.UtcNow.AddDays(-2))));
        var worker = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Upcare.Fhir.BulkExportWorker>().Single();
        Assert.True(await worker.ExpireAsync(CancellationToken.None) >= 1);
        using var expired = await http.GetAsync(smallFile[..smallFile.IndexOf("/$export-file/", StringComparison.Ordinal)] + $"/$export-status/{exportId}");
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("kept for their time", await expired.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(smallFile)).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task The_organisations_system_messages_the_link_worker_about_a_referral()
    {
        var client = await VcseAsync("system/Communication.crs");
        var sent = (await client.CreateAsync(new Communication
        {
            Status = EventStatus.Completed,
            BasedOn = [new ResourceReference($"ServiceRequest/{fixture.Ours}")],
            Payload = [new Communication.PayloadComponent { Content = new FhirString("We have a place on Tuesday mornings") }],
        }))!;
        // Where the server said it is (Location, a version-specific address) it is.
        Assert.Equal(sent.Id, (await client.ReadAsync<Communication>(client.LastResult!.Location))!.Id);
        Assert.Equal("We have a place on Tuesday mornings", ((FhirString)sent.Payload[0].Content).Value);
        AssertValid(sent);
        var found = (await client.SearchAsync<Communication>([$"based-on=ServiceRequest/{fixture.Ours}"]))!;
        Assert.Contains(found.Entry, e => e.Resource.Id == sent.Id);
        Assert.Equal("We have a place on Tuesday mornings", await App.WithDbAsync(db => db.ReferralEvents.Where(e => e.Id == Guid.Parse(sent.Id)).Select(e => e.Text).SingleAsync()));
        // Nothing to say, or another organisation's referral, is refused.
        var empty = await Assert.ThrowsAsync<FhirOperationException>(() => client.CreateAsync(new Communication { Status = EventStatus.Completed, BasedOn = [new ResourceReference($"ServiceRequest/{fixture.Ours}")] }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        var theirs = await Assert.ThrowsAsync<FhirOperationException>(() => client.CreateAsync(new Communication
        {
            Status = EventStatus.Completed, BasedOn = [new ResourceReference($"ServiceRequest/{fixture.Theirs}")],
            Payload = [new Communication.PayloadComponent { Content = new FhirString("Hello") }],
        }));
        Assert.Equal(HttpStatusCode.NotFound, theirs.Status);

        // A body that does not say it is FHIR (what a form on another site could make a signed-in browser send) is refused.
        var before = await App.WithDbAsync(db => db.ReferralEvents.CountAsync());
        using var plain = Http();
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync("friendship-cafe-cases", fixture.VcseKey, "vcse-1", "system/Communication.crs"));
        var body = new Communication { Status = EventStatus.Completed, BasedOn = [new ResourceReference($"ServiceRequest/{fixture.Ours}")], Payload = [new Communication.PayloadComponent { Content = new FhirString("Form post") }] }.ToJson();
        using var sentAsText = await plain.PostAsync("/fhir/Communication", new StringContent(body, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, sentAsText.StatusCode);
        Assert.Contains("Send the resource as application/fhir+json, not text/plain", await sentAsText.Content.ReadAsStringAsync());
        Assert.Equal(before, await App.WithDbAsync(db => db.ReferralEvents.CountAsync()));
    }

    [Fact]
    public async System.Threading.Tasks.Task Staff_and_carer_consents_are_served_to_those_who_may_see_them()
    {
        var carer = await App.CreateUserAsync(UserRole.Person, name: "Pat Carer");
        var carerId = await App.UserIdAsync(carer);
        var consentId = Guid.NewGuid();
        await App.WithDbAsync(db =>
        {
            db.CarerPermissions.Add(new CarerPermission { Id = consentId, PersonId = fixture.AtPractice.Id, CarerUserId = carerId, Relationship = "Daughter", GrantedAt = DateTime.UtcNow.AddDays(-2) });
            return db.SaveChangesAsync();
        });
        var clinician = await App.CreateUserAsync(UserRole.Clinician, await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync()), name: "Dr Ada Lovelace");
        var client = Client(await TokenAsync("practice-system", fixture.PracticeKey, "practice-1", "system/Consent.rs system/Practitioner.rs system/PractitionerRole.rs"));
        var consent = (Consent)Assert.Single((await client.SearchAsync<Consent>([$"patient=Patient/{fixture.AtPractice.Id}", "status=active"]))!.Entry).Resource;
        Assert.Equal(consentId.ToString(), consent.Id);
        Assert.Contains("Pat Carer (Daughter)", consent.Provision.Actor[0].Reference.Display);
        AssertValid(consent);
        var staff = (Practitioner)Assert.Single((await client.SearchAsync<Practitioner>(["name=Ada Lovelace"]))!.Entry).Resource;
        AssertValid(staff);
        var role = (await client.ReadAsync<PractitionerRole>($"PractitionerRole/{staff.Id}"))!;
        Assert.Equal("Clinician", role.Code[0].Coding[0].Code);
        AssertValid(role);
        // People and systems' own accounts are not practitioners.
        Assert.Equal(0, (await client.SearchAsync<Practitioner>(["name=Pat Carer"]))!.Total);
        Assert.Equal(0, (await client.SearchAsync<Practitioner>(["name=Practice system"]))!.Total);
    }

    [Fact]
    public async System.Threading.Tasks.Task Signed_in_people_use_the_same_api_with_their_own_relationships()
    {
        // A VCSE worker of the organisation, signed in with the usual cookie, sees the same Tasks as its system.
        var worker = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, fixture.Organisation));
        using var response = await worker.Http.GetAsync("/fhir/Task?status=requested");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var bundle = JsonSerializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector))!;
        Assert.Contains(bundle.Entry, e => e.Resource.Id == fixture.Ours.ToString());
        Assert.DoesNotContain(bundle.Entry, e => e.Resource.Id == fixture.Theirs.ToString());
        // A commissioner has no part in any referral: the referral is not found, as on the pages.
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.Http.GetAsync($"/fhir/Task/{fixture.Ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.Http.GetAsync($"/community-referrals/{fixture.Ours}")).StatusCode);
    }
}

public sealed class FhirApiOnSqliteTests(SqliteFhirFixture fixture) : FhirApiTests(fixture), IClassFixture<SqliteFhirFixture>;

public sealed class FhirApiOnPostgresTests(PostgresFhirFixture fixture) : FhirApiTests(fixture), IClassFixture<PostgresFhirFixture>;
