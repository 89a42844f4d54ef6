using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.ServiceDirectory;
using Upcare.SocialPrescribing;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.SocialPrescribing;

/// <summary>An app with people and a directory, for firing the same request many times at once.</summary>
public abstract class RaceFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "races"));
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(60, 3);
        var seeder = scope.ServiceProvider.GetRequiredService<DirectorySeeder>();
        await seeder.LoadSyntheticPostcodesAsync(Path.Combine(Path.GetTempPath(), $"upcare-postcodes-{Guid.NewGuid():N}"));
        await seeder.SeedAsync(20, 5);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteRaceFixture() : RaceFixture(DatabaseProvider.Sqlite);

public sealed class PostgresRaceFixture() : RaceFixture(DatabaseProvider.Postgres);

/// <summary>
/// Races on referrals. "One open referral" is the database's rule, not a check that two requests can both pass: ten identical requests
/// released together by a barrier make one referral, and every other sender gets the answer a sequential duplicate gets.
/// </summary>
public abstract class OpenReferralRaceTests(RaceFixture fixture)
{
    private const int AtOnce = 10;
    private UpcareApp App => fixture.App;

    private async Task<(Guid PersonId, PageClient Clinician, PageClient LinkWorker)> CastAsync()
    {
        var (personId, practiceId, pcnId) = await App.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.GpPracticeId != null && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
                .OrderBy(p => p.Id).Select(p => new { p.Id, Practice = p.GpPracticeId!.Value }).FirstAsync();
            var pcn = await db.Organisations.Where(o => o.Id == person.Practice).Select(o => o.ParentId!.Value).SingleAsync();
            return (person.Id, person.Practice, pcn);
        });
        var clinician = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, practiceId));
        var linkWorker = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorker, pcnId));
        return (personId, clinician, linkWorker);
    }

    /// <summary>Sends every request at the same moment: each waits at the barrier on its own thread, then all go.</summary>
    private static async Task<HttpStatusCode[]> AllAtOnceAsync(Func<int, Task<HttpStatusCode>> send)
    {
        using var barrier = new Barrier(AtOnce);
        return await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(i => Task.Run(async () =>
        {
            barrier.SignalAndWait();
            return await send(i);
        })));
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(PageClient client, string url, object body)
    {
        using var response = await client.Http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static string? Message(JsonElement problem) => problem.GetProperty("errors").GetProperty("referral")[0].GetString();

    [Fact]
    public async Task Ten_referrals_of_one_person_at_once_make_one_open_referral_with_one_audit_entry()
    {
        for (var round = 0; round < 3; round++)
        {
            var (personId, clinician, _) = await CastAsync();
            var url = $"/api/people/{personId}/social-prescribing";
            var statuses = await AllAtOnceAsync(async _ =>
                (await PostAsync(clinician, url, new { reason = "Isolated since moving", needs = new[] { "loneliness" }, consentToContact = true })).Status);

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
            Assert.All(statuses.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
            Assert.Equal(1, await App.WithDbAsync(db => db.SocialPrescribingReferrals.CountAsync(r => r.PersonId == personId)));
            Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == "social-prescribing-referral")));
            Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.PersonId == personId && m.Subject == "You have been referred to a social prescribing link worker")));
        }
    }

    [Fact]
    public async Task Ten_community_referrals_of_one_person_to_one_service_at_once_make_one()
    {
        var services = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Status == ServiceStatus.Active && s.Availability == ServiceAvailability.TakingReferrals)
            .OrderBy(s => s.Id).Select(s => s.Id).Take(3).ToListAsync());
        foreach (var serviceId in services)
        {
            var (personId, clinician, linkWorker) = await CastAsync();
            var created = await PostAsync(clinician, $"/api/people/{personId}/social-prescribing", new { reason = "Struggling with bills", needs = new[] { "debt-advice" }, consentToContact = true });
            var id = created.Body.GetProperty("id").GetGuid();
            var taken = await PostAsync(linkWorker, $"/api/social-prescribing/{id}/take-on", new { version = 1 });
            var contact = await PostAsync(linkWorker, $"/api/people/{personId}/social-prescribing/{id}/contacts",
                new { version = taken.Body.GetProperty("version").GetInt32(), mode = "Video", minutes = 20, date = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            Assert.Equal(HttpStatusCode.OK, contact.Status);

            // Each sender has its own send key, as ten different browser tabs would.
            var url = $"/api/people/{personId}/social-prescribing/{id}/community-referrals";
            var answers = new (HttpStatusCode Status, JsonElement Body)[AtOnce];
            await AllAtOnceAsync(async i =>
            {
                answers[i] = await PostAsync(linkWorker, url, new { serviceId, consentToShare = true, sendKey = Guid.NewGuid() });
                return answers[i].Status;
            });

            Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
            var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
            Assert.All(refused, a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status));
            Assert.All(refused, a => Assert.Contains("already has an open referral to", Message(a.Body)));
            Assert.Equal(1, await App.WithDbAsync(db => db.CommunityReferrals.CountAsync(c => c.PersonId == personId && c.ServiceId == serviceId)));
            Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == "community-referral-sent")));

            // A sequential duplicate is told the same.
            var again = await PostAsync(linkWorker, url, new { serviceId, consentToShare = true, sendKey = Guid.NewGuid() });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
            Assert.Equal(Message(refused[0].Body), Message(again.Body));
        }
    }

    [Fact]
    public async Task Referrals_answered_while_the_deadline_job_expires_them_keep_one_true_history_each()
    {
        const int Services = AtOnce - 1;
        var services = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Status == ServiceStatus.Active && s.Availability == ServiceAvailability.TakingReferrals)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.OrganisationId }).Take(Services).ToListAsync());
        var vcse = new Dictionary<Guid, PageClient>();
        foreach (var organisation in services.Select(s => s.OrganisationId).Distinct())
        {
            vcse[organisation] = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, organisation));
        }
        for (var round = 0; round < 3; round++)
        {
            var (personId, clinician, linkWorker) = await CastAsync();
            var created = await PostAsync(clinician, $"/api/people/{personId}/social-prescribing", new { reason = "Isolated since moving", needs = new[] { "loneliness" }, consentToContact = true });
            var id = created.Body.GetProperty("id").GetGuid();
            var taken = await PostAsync(linkWorker, $"/api/social-prescribing/{id}/take-on", new { version = 1 });
            await PostAsync(linkWorker, $"/api/people/{personId}/social-prescribing/{id}/contacts",
                new { version = taken.Body.GetProperty("version").GetInt32(), mode = "Phone", minutes = 20, date = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            var sent = new List<(Guid Id, int Version, PageClient Vcse)>();
            foreach (var service in services)
            {
                var one = await PostAsync(linkWorker, $"/api/people/{personId}/social-prescribing/{id}/community-referrals", new { serviceId = service.Id, consentToShare = true, sendKey = Guid.NewGuid() });
                Assert.Equal(HttpStatusCode.Created, one.Status);
                sent.Add((one.Body.GetProperty("id").GetGuid(), one.Body.GetProperty("version").GetInt32(), vcse[service.OrganisationId]));
            }

            // Each organisation accepts its referral at the moment the job, a month on, finds them all unanswered.
            var accepted = new HttpStatusCode[Services];
            await AllAtOnceAsync(async i =>
            {
                if (i == Services)
                {
                    using var scope = App.Services.CreateScope();
                    var clock = new FixedClock(DateTimeOffset.UtcNow.AddDays(40));
                    await ActivatorUtilities.CreateInstance<CommunityReferralService>(scope.ServiceProvider, clock).ChaseUnansweredAsync();
                    return HttpStatusCode.OK;
                }
                var (referralId, version, client) = sent[i];
                return accepted[i] = (await PostAsync(client, $"/api/community-referrals/{referralId}/status", new { status = "accepted", version })).Status;
            });

            var ids = sent.Select(s => s.Id).ToList();
            var states = await App.WithDbAsync(db => db.CommunityReferrals.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status));
            var events = await App.WithDbAsync(db => db.ReferralEvents.Where(e => ids.Contains(e.CommunityReferralId) && e.Kind == ReferralEventKind.StatusChange).OrderBy(e => e.At).ToListAsync());
            for (var i = 0; i < Services; i++)
            {
                var referralId = sent[i].Id;
                // Either the organisation's answer stands or the expiry does: never both, and a refused answer is told why.
                var expected = accepted[i] == HttpStatusCode.OK ? CommunityReferralStatus.Accepted : CommunityReferralStatus.Cancelled;
                Assert.True(accepted[i] is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{accepted[i]}");
                Assert.Equal(expected, states[referralId]);
                var history = events.Where(e => e.CommunityReferralId == referralId).ToList();
                Assert.Equal([CommunityReferralStatus.Requested, expected], history.Select(e => e.To!.Value));
                Assert.Equal(expected == CommunityReferralStatus.Cancelled ? 1 : 0, history.Count(e => e.Party == ReferralParty.System));
            }
            var expired = states.Values.Count(s => s == CommunityReferralStatus.Cancelled);
            var linkWorkerId = await App.WithDbAsync(db => db.SocialPrescribingReferrals.Where(r => r.Id == id).Select(r => r.LinkWorkerUserId!.Value).SingleAsync());
            Assert.Equal(expired, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == linkWorkerId && n.Text.Contains("did not answer the referral"))));
            Assert.Equal(expired, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == "community-referral-status" && a.Route == "job referral-deadlines")));
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class OpenReferralRaceOnSqliteTests(SqliteRaceFixture fixture) : OpenReferralRaceTests(fixture), IClassFixture<SqliteRaceFixture>;

public sealed class OpenReferralRaceOnPostgresTests(PostgresRaceFixture fixture) : OpenReferralRaceTests(fixture), IClassFixture<PostgresRaceFixture>;
