using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Upcare.Tests.Access;

/// <summary>The audit trail is a hash chain: the verify-audit command and the administrator's page find any edit or deletion.</summary>
public abstract class AuditTrailTests(DatabaseProvider provider)
{
    /// <summary>A fresh app whose trail holds some real entries: a clinician reading records at their practice.</summary>
    private async Task<(UpcareApp App, PageClient Clinician)> AppWithTrailAsync(string name)
    {
        var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, name));
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(40, 5);
        }
        var practice = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var people = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).Take(3).ToListAsync());
        var clinician = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Clinician, practice));
        foreach (var id in people)
        {
            Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/people/{id}")).Status);
        }
        // Entries are stored unchained and linked moments later; link them now so the tests can tamper with numbered entries.
        await app.Services.GetRequiredService<AuditChainer>().ChainPendingAsync();
        return (app, clinician);
    }

    private static async Task<(int Code, string Output)> VerifyAsync(UpcareApp app)
    {
        var output = new StringWriter();
        var code = await VerifyAuditCommand.VerifyAsync(app.Services, output);
        return (code, output.ToString().Trim());
    }

    private static Task<int> ExecuteAsync(UpcareApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    [Fact]
    public async Task An_untouched_trail_verifies()
    {
        var (app, _) = await AppWithTrailAsync("audit-intact");
        await using var _app = app;
        var count = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.True(count >= 3);
        var (code, output) = await VerifyAsync(app);
        Assert.Equal(0, code);
        Assert.Equal($"Audit trail intact: {count:N0} entries, every link checked.", output);
    }

    [Fact]
    public async Task An_edited_entry_is_caught_by_verify_audit_and_shown_to_the_administrator()
    {
        var (app, _) = await AppWithTrailAsync("audit-edited");
        await using var _app = app;
        await ExecuteAsync(app, "UPDATE \"AuditEntries\" SET \"Detail\" = 'Nothing to see here' WHERE \"Sequence\" = 2");

        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Equal("Audit trail BROKEN at entry 2: Entry 2 has been changed since it was written. (1 entries before it are intact.)", output);

        var admin = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Administrator));
        var page = await admin.GetAsync("/admin/audit?handler=Verify");
        Assert.Contains("The audit trail has been tampered with", page.Text);
        Assert.Contains("First broken link: entry 2.", page.Document.GetElementById("audit-verification")!.TextContent);
    }

    [Theory]
    [InlineData(false, "BROKEN at entry 2: Entry 2 has been changed since it was written")]
    [InlineData(true, "BROKEN at entry 3: Entry 3 does not follow entry 2")]
    public async Task An_edit_that_also_recomputes_the_hash_is_caught(bool withTheChainKey, string caught)
    {
        var (app, _) = await AppWithTrailAsync("audit-rehashed");
        await using var _app = app;
        await app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 2);
            entry.Detail = "Nothing to see here";
            // Without the key (kept outside the database) a recomputed link is simply wrong; with it, the next link breaks.
            entry.Hash = AuditChain.HashOf(entry, withTheChainKey ? System.Text.Encoding.UTF8.GetBytes(UpcareApp.TestChainKey) : null);
            return await db.SaveChangesAsync();
        });
        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Contains(caught, output);
    }

    [Fact]
    public async Task A_deleted_entry_is_caught_by_verify_audit()
    {
        var (app, _) = await AppWithTrailAsync("audit-deleted");
        await using var _app = app;
        await ExecuteAsync(app, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 2");

        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Equal("Audit trail BROKEN at entry 2: Entry 2 is missing: the trail jumps from entry 1 to entry 3. It was deleted. (1 entries before it are intact.)", output);
    }

    [Fact]
    public async Task Many_requests_at_once_keep_one_unbroken_chain()
    {
        var (app, clinician) = await AppWithTrailAsync("audit-concurrent");
        await using var _app = app;
        var practice = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var people = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).ToListAsync());
        var before = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => clinician.Http.GetAsync($"/people/{people[i % people.Count]}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        Assert.Equal(before + 60, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, (await VerifyAsync(app)).Code);
    }
}

public sealed class AuditTrailOnSqliteTests() : AuditTrailTests(DatabaseProvider.Sqlite);

public sealed class AuditTrailOnPostgresTests() : AuditTrailTests(DatabaseProvider.Postgres);
