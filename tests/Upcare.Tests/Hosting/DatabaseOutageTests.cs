using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>
/// The database stopped at once in the middle of a load of referrals, then started again: while it is down every edge
/// answers 503 with Retry-After in its own format; the app recovers by itself; and nothing is half-done afterwards.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task The_database_stopped_mid_load_gives_503_with_Retry_After_and_leaves_no_change_without_its_audit_entry(string environment)
    {
        var server = await PostgresServer.StartDedicatedAsync();
        var connection = await server.CreateDatabaseAsync("outage");
        await using var app = new UpcareApp(DatabaseProvider.Postgres, connection, new Dictionary<string, string?> { ["environment"] = environment });
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(200, 9);
            var directory = scope.ServiceProvider.GetRequiredService<Upcare.ServiceDirectory.DirectorySeeder>();
            await directory.LoadSyntheticPostcodesAsync(Path.Combine(Path.GetTempPath(), $"upcare-postcodes-{Guid.NewGuid():N}"));
            await directory.SeedAsync(20, 5);
        }
        var practice = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var people = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).ToListAsync());
        var clinician = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Clinician, practice));
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/people/{people[0]}")).Status);

        // A load of referrals running while the database stops.
        var statuses = new ConcurrentBag<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var next = -1;
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Round and round the practice's people: a repeat is a duplicate (409) once the first has been stored.
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref next) is var i)
            {
                using var response = await clinician.Http.PostAsJsonAsync($"/api/people/{people[i % people.Count]}/social-prescribing",
                    new { reason = "Isolated", needs = new[] { "loneliness" }, consentToContact = true });
                statuses.Add(response.StatusCode);
            }
        })));
        await Task.Delay(300);
        await server.StopImmediatelyAsync();
        try
        {
            // While it is down: a page, the JSON API and FHIR each say so in their own way.
            var page = await clinician.GetAsync($"/people/{people[1]}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal("Sorry, the service is unavailable", page.H1);
            using var api = await clinician.Http.PostAsJsonAsync($"/api/people/{people[1]}/social-prescribing", new { reason = "Isolated", needs = new[] { "loneliness" }, consentToContact = true });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal(UnexpectedErrors.RetryAfterSeconds, (int)api.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
            Assert.True(api.Content.Headers.ContentType?.MediaType == "application/problem+json", await api.Content.ReadAsStringAsync());
            Assert.Contains("Nothing was changed", await api.Content.ReadAsStringAsync());
            using var fhir = await clinician.Http.GetAsync($"/fhir/Patient/{people[1]}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, fhir.StatusCode);
            Assert.Contains("\"resourceType\":\"OperationOutcome\"", await fhir.Content.ReadAsStringAsync());
            Assert.True(fhir.Headers.RetryAfter is not null);
        }
        finally
        {
            await server.StartAgainAsync();
        }

        // It recovers by itself: no restart of the app.
        var recovered = false;
        for (var attempt = 0; attempt < 60 && !recovered; attempt++)
        {
            recovered = (await clinician.Http.GetAsync($"/people/{people[2]}")).StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(500);
            }
        }
        Assert.True(recovered, "The app did not recover after the database came back");
        stop.Cancel();
        await load;

        // Every answer during the load was a success, a duplicate, or 503; never a bare 500.
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        // Both or neither: every stored referral has its audit entry, and no audit entry names a referral that is not stored.
        var referred = await app.WithDbAsync(db => db.SocialPrescribingReferrals.Select(r => r.PersonId).ToListAsync());
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "social-prescribing-referral").Select(a => a.PersonId!.Value).ToListAsync());
        Assert.Equal(referred.Order(), audited.Order());
        await app.Services.GetRequiredService<AuditChainer>().ChainPendingAsync();
        Assert.Equal(0, await VerifyAuditCommand.VerifyAsync(app.Services, new StringWriter()));
        await server.StopImmediatelyAsync();
    }
}
