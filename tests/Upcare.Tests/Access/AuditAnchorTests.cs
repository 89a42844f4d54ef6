using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>
/// The chain is anchored outside the database: its links are keyed with a secret the database does not hold, and signed
/// checkpoints of its head go to a file. Deleting the newest entries, every entry, or rewriting the whole chain is caught.
/// </summary>
public abstract class AuditAnchorTests(DatabaseProvider provider)
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(UpcareApp.TestChainKey);

    /// <summary>A fresh app with a checkpoint directory, well over 50 entries on its chain and a checkpoint of the head.</summary>
    private async Task<(UpcareApp App, string Checkpoints)> AnchoredAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"upcare-checkpoints-{Guid.NewGuid():N}");
        var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, name), new Dictionary<string, string?> { ["Upcare:Audit:CheckpointDirectory"] = directory });
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(80, 5);
        }
        var practice = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync());
        var people = await app.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id).Take(60).ToListAsync());
        var clinician = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Clinician, practice));
        // Each look at a record is an entry: enough rounds to give the chain well over 50.
        var chainer = app.Services.GetRequiredService<AuditChainer>();
        while (await app.WithDbAsync(db => db.AuditEntries.CountAsync()) < 80)
        {
            foreach (var id in people)
            {
                Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/people/{id}")).Status);
            }
        }
        await chainer.ChainPendingAsync();
        await chainer.CheckpointAsync();
        Assert.True(File.Exists(Path.Combine(directory, AuditCheckpoints.FileName)));
        return (app, directory);
    }

    private static async Task<(int Code, string Output)> VerifyAsync(UpcareApp app)
    {
        var output = new StringWriter();
        var code = await VerifyAuditCommand.VerifyAsync(app.Services, output);
        return (code, output.ToString().Trim());
    }

    private static async Task<long> HeadAsync(UpcareApp app) => await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence)) ?? 0;

    [Fact]
    public async Task Deleting_the_newest_entries_is_caught_by_the_checkpoint()
    {
        var (app, _) = await AnchoredAsync("anchor-truncated");
        await using var _app = app;
        Assert.Equal(0, (await VerifyAsync(app)).Code);
        var head = await HeadAsync(app);
        Assert.True(head > 50);
        await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence > head - 50).ExecuteDeleteAsync());

        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Contains($"The trail ends at entry {head - 50}, but the checkpoint of", output);
        Assert.Contains($"recorded entry {head}: entries were deleted from the end.", output);
    }

    [Fact]
    public async Task Deleting_every_entry_is_caught_by_the_checkpoint()
    {
        var (app, _) = await AnchoredAsync("anchor-emptied");
        await using var _app = app;
        var head = await HeadAsync(app);
        await app.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync());
        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Contains($"The trail ends at entry 0, but the checkpoint of", output);
        Assert.Contains($"recorded entry {head}", output);
    }

    [Fact]
    public async Task Rewriting_the_chain_even_with_the_key_is_caught_by_the_checkpoint()
    {
        var (app, _) = await AnchoredAsync("anchor-rewritten");
        await using var _app = app;
        // The worst case: someone with the database and the key edits entry 10 and re-links everything after it.
        await app.WithDbAsync(async db =>
        {
            var previous = (await db.AuditEntries.SingleAsync(e => e.Sequence == 9)).Hash;
            foreach (var entry in await db.AuditEntries.Where(e => e.Sequence >= 10).OrderBy(e => e.Sequence).ToListAsync())
            {
                if (entry.Sequence == 10)
                {
                    entry.Detail = "Nothing to see here";
                }
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.HashOf(entry, Key);
                previous = entry.Hash;
            }
            return await db.SaveChangesAsync();
        });
        var head = await HeadAsync(app);
        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN at entry {head}: Entry {head} is not the entry the checkpoint of", output);
        Assert.Contains("the trail was rewritten", output);
    }

    [Fact]
    public async Task A_forged_checkpoint_is_reported()
    {
        var (app, directory) = await AnchoredAsync("anchor-forged");
        await using var _app = app;
        await File.AppendAllTextAsync(Path.Combine(directory, AuditCheckpoints.FileName), $"5\t{new string('a', 64)}\t{DateTime.UtcNow:O}\t{new string('b', 64)}\n");
        var (code, output) = await VerifyAsync(app);
        Assert.Equal(1, code);
        Assert.Contains("A checkpoint for entry 5 is not signed with the chain key", output);
    }

    [Fact]
    public async Task Production_will_not_serve_without_a_chain_key()
    {
        await using var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "anchor-nokey"),
            new Dictionary<string, string?> { ["environment"] = "Production", ["Upcare:Audit:ChainKey"] = "too short" });
        var refused = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("Upcare:Audit:ChainKey", refused.Message);
    }
}

public sealed class AuditAnchorOnSqliteTests() : AuditAnchorTests(DatabaseProvider.Sqlite);

public sealed class AuditAnchorOnPostgresTests() : AuditAnchorTests(DatabaseProvider.Postgres);
