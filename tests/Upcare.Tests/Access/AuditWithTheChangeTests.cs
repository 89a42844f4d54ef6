using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Tests.Infrastructure;
using Upcare.Tests.SocialPrescribing;

namespace Upcare.Tests.Access;

/// <summary>
/// A change and its audit entry are one commit: when the audit entry cannot be written the change is not kept, and the
/// retry succeeds instead of meeting a half-made change. Several instances on one PostgreSQL append to one chain.
/// </summary>
public sealed class AuditWithTheChangeTests(PostgresRaceFixture fixture) : IClassFixture<PostgresRaceFixture>
{
    private UpcareApp App => fixture.App;

    private async Task<(Guid PersonId, PageClient Clinician)> PersonAndClinicianAsync()
    {
        var (personId, practiceId) = await App.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.GpPracticeId != null && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
                .OrderByDescending(p => p.Id).Select(p => new { p.Id, Practice = p.GpPracticeId!.Value }).FirstAsync();
            return (person.Id, person.Practice);
        });
        return (personId, await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, practiceId)));
    }

    [Fact]
    public async Task When_the_audit_entry_cannot_be_stored_the_referral_is_not_stored_either_and_a_retry_succeeds()
    {
        var (personId, clinician) = await PersonAndClinicianAsync();
        var referral = new { reason = "Lonely since moving here", needs = new[] { "loneliness" }, consentToContact = true };
        // The database refuses this one kind of audit entry, as it would refuse any write when it fails mid-request.
        await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "ALTER TABLE \"AuditEntries\" ADD CONSTRAINT test_refuse_referral_audit CHECK (\"Action\" <> 'social-prescribing-referral')"));
        try
        {
            using var failed = await clinician.Http.PostAsJsonAsync($"/api/people/{personId}/social-prescribing", referral);
            // Outside Development an unexpected failure is problem details on the API, and the NHS.UK error page on a page POST.
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
            var page = await clinician.SubmitAsync($"/people/{personId}/social-prescribing/refer", new Dictionary<string, string>
            {
                ["Input.Reason"] = "Lonely since moving here", ["Input.Needs"] = "loneliness", ["Input.ConsentToContact"] = "true",
            });
            Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
            Assert.Equal("Sorry, there is a problem with the service", page.H1);
            Assert.Equal(0, await App.WithDbAsync(db => db.SocialPrescribingReferrals.CountAsync(r => r.PersonId == personId)));
            Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.PersonId == personId)));
        }
        finally
        {
            await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditEntries\" DROP CONSTRAINT test_refuse_referral_audit"));
        }

        using var retried = await clinician.Http.PostAsJsonAsync($"/api/people/{personId}/social-prescribing", referral);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.SocialPrescribingReferrals.CountAsync(r => r.PersonId == personId)));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.PersonId == personId && a.Action == "social-prescribing-referral")));
    }

    [Fact]
    public async Task Two_instances_reading_and_referring_at_once_keep_one_unbroken_chain()
    {
        var connection = App.Services.GetRequiredService<IConfiguration>().GetConnectionString("Upcare")!;
        await using var second = new UpcareApp(DatabaseProvider.Postgres, connection);
        var practice = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var people = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).ToListAsync());
        var email = await App.CreateUserAsync(UserRole.Clinician, practice);
        var (one, two) = (await PageClient.SignedInAsync(App, email), await PageClient.SignedInAsync(second, email));
        var before = await App.WithDbAsync(db => db.AuditEntries.CountAsync());

        // 400 record reads by 8 clients at once, half through each instance (a bounded load, as a real one is:
        // the test server shares PostgreSQL's connections with every other test running).
        var responses = (await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = worker; i < 400; i += 8)
            {
                using var response = await (i % 2 == 0 ? one : two).Http.GetAsync($"/people/{people[i % people.Count]}");
                statuses.Add(response.StatusCode);
            }
            return statuses;
        })))).SelectMany(s => s).ToList();
        Assert.Equal(400, responses.Count);
        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));

        // Both instances chain at once; the advisory lock makes them take turns.
        await Task.WhenAll(App.Services.GetRequiredService<AuditChainer>().ChainPendingAsync(), second.Services.GetRequiredService<AuditChainer>().ChainPendingAsync());
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.CountAsync()) >= before + 400);
        Assert.Equal(0, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Sequence == null)));
        var sequences = await App.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        var output = new StringWriter();
        Assert.Equal(0, await VerifyAuditCommand.VerifyAsync(App.Services, output));
    }
}
