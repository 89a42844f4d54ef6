using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.ServiceDirectory;

namespace Upcare.Bench;

/// <summary>
/// Drives the social prescribing loop over HTTP, REFERRALS times, CONCURRENCY at once: a clinician refers, the link
/// worker takes it on, records a contact and refers on to a community service, the organisation accepts, starts and
/// completes it, and the link worker discharges: eight state changes per referral, each timed. Accounts (a clinician
/// per practice, a link worker per PCN, a VCSE worker per organisation) are opened directly in the database first.
/// </summary>
public static class ReferralLoopBench
{
    private const string Password = "referral-loop-bench-password";

    private static readonly string[] Steps = ["refer", "take-on", "contact", "send", "accept", "start", "complete", "discharge"];

    private sealed record Case(Guid PersonId, string Clinician, string LinkWorker, Guid ServiceId, string Vcse);

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = new Uri(args[1]);
        var referrals = int.Parse(args.Length > 2 ? args[2] : "10000", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args.Length > 3 ? args[3] : "32", CultureInfo.InvariantCulture);
        var cases = await PrepareAsync(referrals);
        if (cases.Count < referrals)
        {
            Console.Error.WriteLine($"Only {cases.Count} people can be referred: seed more people (seed --people N)");
            return 1;
        }

        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency }) { BaseAddress = baseUrl };
        var sessions = new Dictionary<string, string>();
        foreach (var email in cases.SelectMany(c => new[] { c.Clinician, c.LinkWorker, c.Vcse }).Distinct())
        {
            sessions[email] = await BenchHttp.SignInAsync(http, email, Password);
        }

        var timings = Steps.ToDictionary(s => s, _ => new List<double>());
        var errors = 0;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = Steps.ToDictionary(s => s, _ => new List<double>());
            int i;
            while ((i = Interlocked.Increment(ref next)) < cases.Count)
            {
                try
                {
                    await LoopAsync(http, sessions, cases[i], mine);
                }
                catch (InvalidOperationException e)
                {
                    Interlocked.Increment(ref errors);
                    if (errors <= 5)
                    {
                        Console.Error.WriteLine(e.Message);
                    }
                }
            }
            return mine;
        }).ToArray();
        foreach (var result in await Task.WhenAll(workers))
        {
            foreach (var (step, list) in result)
            {
                timings[step].AddRange(list);
            }
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var changes = timings.Values.Sum(t => t.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"referrals={cases.Count - errors} errors={errors} seconds={seconds:F1} concurrency={concurrency} referrals_per_s={(cases.Count - errors) / seconds:F1} state_changes_per_s={changes / seconds:F0}"));
        foreach (var step in Steps)
        {
            var t = timings[step];
            t.Sort();
            double P(double q) => t.Count == 0 ? 0 : t[Math.Min(t.Count - 1, (int)(q * t.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step={step} count={t.Count} median_ms={P(0.5):F1} p95_ms={P(0.95):F1} p99_ms={P(0.99):F1}"));
        }
        return errors > 0 ? 1 : 0;
    }

    private static async Task LoopAsync(HttpClient http, Dictionary<string, string> sessions, Case c, Dictionary<string, List<double>> timings)
    {
        async Task<JsonElement> Step(string step, string who, string path, object body)
        {
            var begin = Stopwatch.GetTimestamp();
            using var response = await BenchHttp.PostJsonAsync(http, path, sessions[who], body);
            var text = await response.Content.ReadAsStringAsync();
            timings[step].Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                throw new InvalidOperationException($"{step} for {c.PersonId} gave {(int)response.StatusCode}: {text}");
            }
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        var referral = await Step("refer", c.Clinician, $"/api/people/{c.PersonId}/social-prescribing",
            new { reason = "Lonely and worried about money", needs = new[] { "loneliness" }, consentToContact = true });
        var id = referral.GetProperty("id").GetGuid();
        var taken = await Step("take-on", c.LinkWorker, $"/api/social-prescribing/{id}/take-on", new { version = referral.GetProperty("version").GetInt32() });
        var contact = await Step("contact", c.LinkWorker, $"/api/people/{c.PersonId}/social-prescribing/{id}/contacts",
            new { version = taken.GetProperty("version").GetInt32(), mode = "Phone", minutes = 30, date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        var sent = await Step("send", c.LinkWorker, $"/api/people/{c.PersonId}/social-prescribing/{id}/community-referrals",
            new { serviceId = c.ServiceId, consentToShare = true, sendKey = Guid.NewGuid() });
        var community = sent.GetProperty("id").GetGuid();
        var version = sent.GetProperty("version").GetInt32();
        foreach (var (step, status) in new[] { ("accept", "accepted"), ("start", "in-progress"), ("complete", "completed") })
        {
            version = (await Step(step, c.Vcse, $"/api/community-referrals/{community}/status", new { status, version })).GetProperty("version").GetInt32();
        }
        await Step("discharge", c.LinkWorker, $"/api/people/{c.PersonId}/social-prescribing/{id}/discharge",
            new { version = contact.GetProperty("version").GetInt32(), reason = "GoalsMet" });
    }

    /// <summary>Opens the accounts and picks the people (never referred, registered at a practice in a PCN) and services.</summary>
    private static async Task<List<Case>> PrepareAsync(int referrals)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.AddUpcare();
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UpcareUser>>();
        var people = await db.People.AsNoTracking()
            .Where(p => p.GpPracticeId != null && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
            .Join(db.Organisations.Where(o => o.ParentId != null), p => p.GpPracticeId, o => o.Id, (p, o) => new { p.Id, Practice = o.Id, o.Code, Pcn = o.ParentId!.Value })
            .OrderBy(p => p.Id).Take(referrals).ToListAsync();
        var services = await db.CommunityServices.AsNoTracking()
            .Where(s => s.Status == ServiceStatus.Active && s.Availability == ServiceAvailability.TakingReferrals)
            .OrderBy(s => s.Id).Take(50).Select(s => new { s.Id, s.OrganisationId }).ToListAsync();
        var pcnCodes = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Code);

        async Task<string> AccountAsync(UserRole role, Guid organisation)
        {
            var email = $"bench-{role.ToString().ToLowerInvariant()}-{pcnCodes[organisation].ToLowerInvariant()}@bench.upcare.test";
            if (await users.FindByEmailAsync(email) is null)
            {
                var result = await users.CreateAsync(new UpcareUser
                {
                    Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = $"Bench {UserRoles.Label(role)}", Role = role, OrganisationId = organisation,
                }, Password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
                }
            }
            return email;
        }
        var accounts = new Dictionary<(UserRole, Guid), string>();
        async Task<string> For(UserRole role, Guid organisation) =>
            accounts.TryGetValue((role, organisation), out var email) ? email : accounts[(role, organisation)] = await AccountAsync(role, organisation);
        var cases = new List<Case>();
        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            var service = services[i % services.Count];
            cases.Add(new Case(p.Id, await For(UserRole.Clinician, p.Practice), await For(UserRole.LinkWorker, p.Pcn), service.Id, await For(UserRole.VcseWorker, service.OrganisationId)));
        }
        return cases;
    }
}
