using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.PersonalBudgets;
using Upcare.ServiceDirectory;
using Upcare.SocialPrescribing;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;
using Upcare.Tests.PersonalBudgets;

namespace Upcare.Tests.Hosting;

/// <summary>
/// The database stopped at once in the middle of a load of referrals, closed-loop answers and payments, then started
/// again: while it is down every edge answers 503 with Retry-After in its own format; the app recovers by itself; and
/// nothing is half-done afterwards: ledgers balance, no key is paid twice, every referral stands where its history
/// ends, and every stored change has its audit entry.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly HttpStatusCode[] Expected = [HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable];

    private sealed record Cast(PageClient Clinician, PageClient LinkWorker, PageClient Officer, List<Guid> People, Guid BudgetPerson, Guid StreamId,
        List<(Guid Id, PageClient Vcse)> CommunityReferrals);

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task The_database_stopped_mid_load_gives_503_with_Retry_After_and_leaves_nothing_half_done(string environment)
    {
        var server = await PostgresServer.StartDedicatedAsync();
        var connection = await server.CreateDatabaseAsync("outage");
        await using var app = new UpcareApp(DatabaseProvider.Postgres, connection, new Dictionary<string, string?> { ["environment"] = environment });
        var cast = await SetUpAsync(app);

        var statuses = new ConcurrentBag<(string What, HttpStatusCode Status)>();
        var paidKeys = new ConcurrentDictionary<string, Guid>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(
            Task.Run(() => ReferAsync(cast, statuses, stop.Token)),
            Task.Run(() => ReferAsync(cast, statuses, stop.Token)),
            Task.Run(() => AnswerAsync(cast.CommunityReferrals.Where((_, i) => i % 2 == 0).ToList(), statuses, stop.Token)),
            Task.Run(() => AnswerAsync(cast.CommunityReferrals.Where((_, i) => i % 2 == 1).ToList(), statuses, stop.Token)),
            Task.Run(() => PayAsync(cast, statuses, paidKeys, stop.Token)),
            Task.Run(() => PayAsync(cast, statuses, paidKeys, stop.Token)));

        // Stop it only once every kind of change is under way.
        for (var wait = 0; wait < 200 && new[] { "refer", "answer", "pay" }.Any(w => statuses.Count(x => x.What == w && (int)x.Status < 300) < 5); wait++)
        {
            await Task.Delay(50);
        }
        await server.StopImmediatelyAsync();
        try
        {
            // While it is down: a page, the JSON API and FHIR each say so in their own way.
            var page = await cast.Clinician.GetAsync($"/people/{cast.People[1]}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal("Sorry, the service is unavailable", page.H1);
            using var api = await cast.Clinician.Http.PostAsJsonAsync($"/api/people/{cast.People[1]}/social-prescribing", new { reason = "Isolated", needs = new[] { "loneliness" }, consentToContact = true });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal(UnexpectedErrors.RetryAfterSeconds, (int)api.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
            Assert.True(api.Content.Headers.ContentType?.MediaType == "application/problem+json", await api.Content.ReadAsStringAsync());
            Assert.Contains("Nothing was changed", await api.Content.ReadAsStringAsync());
            using var fhir = await cast.Clinician.Http.GetAsync($"/fhir/Patient/{cast.People[1]}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, fhir.StatusCode);
            Assert.Contains("\"resourceType\":\"OperationOutcome\"", await fhir.Content.ReadAsStringAsync());
            Assert.True(fhir.Headers.RetryAfter is not null);
            await Task.Delay(500);
        }
        finally
        {
            await server.StartAgainAsync();
        }

        // It recovers by itself: no restart of the app.
        var recovered = false;
        for (var attempt = 0; attempt < 60 && !recovered; attempt++)
        {
            recovered = (await cast.Clinician.Http.GetAsync($"/people/{cast.People[2]}")).StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(recovered, "The app did not recover after the database came back");
        var before = statuses.Count;
        for (var wait = 0; wait < 100 && statuses.Count < before + 50; wait++)
        {
            await Task.Delay(50);
        }
        stop.Cancel();
        await load;
        output.WriteLine($"{statuses.Count} requests: " + string.Join(", ", statuses.GroupBy(x => $"{x.What} {(int)x.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));

        // Every answer was a success, a refusal of a duplicate or stale change, or 503; never a bare 500.
        Assert.All(statuses, s => Assert.Contains(s.Status, Expected));
        Assert.Contains(statuses, s => s.Status == HttpStatusCode.ServiceUnavailable);
        Assert.Contains(statuses, s => s.What == "answer" && s.Status == HttpStatusCode.OK);
        await AssertNothingHalfDoneAsync(app, cast, paidKeys);
        await server.StopImmediatelyAsync();
    }

    private static async Task AssertNothingHalfDoneAsync(UpcareApp app, Cast cast, ConcurrentDictionary<string, Guid> paidKeys)
    {
        // Referrals: both or neither. Every stored referral has its audit entry, and no audit entry names one that is not stored.
        var referrals = await app.WithDbAsync(db => db.SocialPrescribingReferrals.Select(r => new { r.PersonId, r.LinkWorkerUserId }).ToListAsync());
        var referred = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "social-prescribing-referral").Select(a => a.PersonId!.Value).ToListAsync());
        Assert.Equal(referrals.Select(r => r.PersonId).Order(), referred.Order());
        var takenOn = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "social-prescribing-taken-on").Select(e => e.PersonId!.Value).ToListAsync());
        Assert.Equal(referrals.Where(r => r.LinkWorkerUserId != null).Select(r => r.PersonId).Order(), takenOn.Order());

        // The closed loop: each referral stands where its history ends, versions count its changes, each change is audited once.
        var community = await app.WithDbAsync(db => db.CommunityReferrals.AsNoTracking().Include(c => c.Events).ToListAsync());
        foreach (var referral in community)
        {
            var changes = referral.Events.Where(e => e.Kind == ReferralEventKind.StatusChange).OrderBy(e => e.At).ToList();
            Assert.Equal(referral.Status, changes[^1].To);
            Assert.Equal(changes.Count, referral.Version);
            Assert.All(changes.Skip(1).Zip(changes), pair => Assert.Equal(pair.Second.To, pair.First.From));
        }
        var answered = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "community-referral-status").GroupBy(a => a.PersonId!.Value).ToDictionaryAsync(g => g.Key, g => g.Count()));
        var moves = community.GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Sum(c => c.Events.Count(e => e.Kind == ReferralEventKind.StatusChange && e.From != null)));
        Assert.Equal(moves.Where(m => m.Value > 0).OrderBy(m => m.Key), answered.OrderBy(m => m.Key));

        // Money: one entry per key, each answered key paid by that entry, each payment audited once, every ledger sums to zero.
        var entries = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking().ToListAsync());
        var paid = entries.Where(e => e.IdempotencyKey != null && e.IdempotencyKey.StartsWith("payment:")).ToList();
        Assert.Equal(paid.Count, paid.Select(e => e.IdempotencyKey).Distinct().Count());
        Assert.All(paidKeys.Values, id => Assert.Contains(paid, e => e.Id == id));
        Assert.Equal(paid.Count, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.PersonId == cast.BudgetPerson && e.Action == "budget-payment")));
        Assert.All(entries.GroupBy(e => e.BudgetId), book => Assert.Equal(0, new LedgerBook(book.ToList()).Balances.Values.Sum()));

        await app.Services.GetRequiredService<AuditChainer>().ChainPendingAsync();
        Assert.Equal(0, await VerifyAuditCommand.VerifyAsync(app.Services, new StringWriter()));
    }

    /// <summary>Refers the practice's people round and round: a repeat is a duplicate (409) while the first is open; the link worker takes each one on.</summary>
    private static async Task ReferAsync(Cast cast, ConcurrentBag<(string, HttpStatusCode)> statuses, CancellationToken stop)
    {
        for (var i = Random.Shared.Next(cast.People.Count); !stop.IsCancellationRequested; i++)
        {
            var referred = await PostAsync(cast.Clinician, $"/api/people/{cast.People[i % cast.People.Count]}/social-prescribing", new { reason = "Isolated", needs = new[] { "loneliness" }, consentToContact = true });
            statuses.Add(("refer", referred.Status));
            if (referred.Status == HttpStatusCode.Created)
            {
                statuses.Add(("take-on", (await PostAsync(cast.LinkWorker, $"/api/social-prescribing/{referred.Body.GetProperty("id").GetGuid()}/take-on", new { version = 1 })).Status));
            }
        }
    }

    /// <summary>Each organisation walks its referrals through accepted, started and finished, trying again after a 503 as a client would.</summary>
    private static async Task AnswerAsync(List<(Guid Id, PageClient Vcse)> referrals, ConcurrentBag<(string, HttpStatusCode)> statuses, CancellationToken stop)
    {
        foreach (var (id, vcse) in referrals)
        {
            var version = 1;
            foreach (var to in new[] { "accepted", "in-progress", "completed" })
            {
                while (!stop.IsCancellationRequested)
                {
                    var answer = await PostAsync(vcse, $"/api/community-referrals/{id}/status", new { status = to, version });
                    statuses.Add(("answer", answer.Status));
                    if (answer.Status == HttpStatusCode.OK)
                    {
                        version = answer.Body.GetProperty("version").GetInt32();
                        break;
                    }
                    if (answer.Status != HttpStatusCode.ServiceUnavailable)
                    {
                        // 409: the change was made but its answer was lost, or it was refused; either way this referral is done with.
                        goto next;
                    }
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        next:;
        }
    }

    /// <summary>10p payments, each sent again with its key after a 503 until it is answered, as a client that must not pay twice would.</summary>
    private static async Task PayAsync(Cast cast, ConcurrentBag<(string, HttpStatusCode)> statuses, ConcurrentDictionary<string, Guid> paidKeys, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString("N");
            while (true)
            {
                var paid = await PostAsync(cast.Officer, $"/api/people/{cast.BudgetPerson}/budget/payments", new { streamId = cast.StreamId, to = "DirectPayment", amount = "0.10" }, key);
                statuses.Add(("pay", paid.Status));
                if (paid.Status == HttpStatusCode.OK)
                {
                    var entry = paid.Body.GetProperty("entryId").GetGuid();
                    Assert.Equal(entry, paidKeys.GetOrAdd(key, entry));
                    break;
                }
                Assert.Equal(HttpStatusCode.ServiceUnavailable, paid.Status);
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(PageClient client, string url, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 || text[0] != '{' ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A practice's people, its clinician and link worker, a budget to pay from, and referrals sent to community services.</summary>
    private static async Task<Cast> SetUpAsync(UpcareApp app)
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(200, 9);
            var directory = scope.ServiceProvider.GetRequiredService<DirectorySeeder>();
            await directory.LoadSyntheticPostcodesAsync(Path.Combine(Path.GetTempPath(), $"upcare-postcodes-{Guid.NewGuid():N}"));
            await directory.SeedAsync(20, 5);
        }
        var practice = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => new { o.Id, Pcn = o.ParentId!.Value }).SingleAsync());
        var people = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        var clinician = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Clinician, practice.Id));
        var linkWorker = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.LinkWorker, practice.Pcn));
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/people/{people[0]}")).Status);

        // Ten people of the practice referred, taken on and sent to four community services each, before the load.
        var services = await app.WithDbAsync(db => db.CommunityServices.Where(s => s.Status == ServiceStatus.Active && s.Availability == ServiceAvailability.TakingReferrals)
            .OrderBy(s => s.Id).Select(s => new { s.Id, s.OrganisationId }).Take(4).ToListAsync());
        var vcse = new Dictionary<Guid, PageClient>();
        foreach (var organisation in services.Select(s => s.OrganisationId).Distinct())
        {
            vcse[organisation] = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.VcseWorker, organisation));
        }
        var sent = new List<(Guid, PageClient)>();
        foreach (var person in people.Take(10))
        {
            var id = (await PostAsync(clinician, $"/api/people/{person}/social-prescribing", new { reason = "Isolated", needs = new[] { "loneliness" }, consentToContact = true })).Body.GetProperty("id").GetGuid();
            var taken = await PostAsync(linkWorker, $"/api/social-prescribing/{id}/take-on", new { version = 1 });
            await PostAsync(linkWorker, $"/api/people/{person}/social-prescribing/{id}/contacts",
                new { version = taken.Body.GetProperty("version").GetInt32(), mode = "Phone", minutes = 20, date = DateTime.UtcNow.ToString("yyyy-MM-dd") });
            foreach (var service in services)
            {
                var one = await PostAsync(linkWorker, $"/api/people/{person}/social-prescribing/{id}/community-referrals", new { serviceId = service.Id, consentToShare = true, sendKey = Guid.NewGuid() });
                Assert.Equal(HttpStatusCode.Created, one.Status);
                sent.Add((one.Body.GetProperty("id").GetGuid(), vcse[service.OrganisationId]));
            }
        }

        // A budget officer with an approved budget to pay from, for someone of another practice.
        var officer = await app.CreateUserAsync(UserRole.BudgetOfficer);
        var budgetPerson = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId != practice.Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await BudgetSetup.AssignAsync(app, officer, budgetPerson);
        var payer = await PageClient.SignedInAsync(app, officer);
        var budget = await BudgetSetup.ApprovedAsync(app, payer, budgetPerson);
        return new Cast(clinician, linkWorker, payer, people.Skip(10).ToList(), budgetPerson, budget.Streams.Single(s => s.Funder == Funder.Nhs).Id, sent);
    }
}
