using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>
/// Two instances on one PostgreSQL: one holds each job's lease and keeps renewing it; when that instance goes, the other
/// takes the jobs over within a lease (seconds here, 30 s by default), not after three job intervals.
/// </summary>
public sealed class JobTakeoverTests
{
    private const string Job = "community-referral-deadlines";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Upcare:JobLeaseSeconds"] = "3",
        // An hour between runs, as payments have: the takeover must not wait for it.
        ["Upcare:SocialPrescribing:CheckEvery"] = "01:00:00",
    };

    private static async Task<string?> HolderAsync(UpcareApp app) =>
        await app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == Job && l.ExpiresAt > DateTime.UtcNow).Select(l => l.Holder).FirstOrDefaultAsync());

    private static async Task<string?> HolderWithinAsync(UpcareApp app, TimeSpan wait, Func<string?, bool> wanted)
    {
        var until = DateTime.UtcNow + wait;
        string? holder;
        do
        {
            holder = await HolderAsync(app);
            if (wanted(holder))
            {
                return holder;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);
        return holder;
    }

    [Fact]
    public async Task When_the_instance_holding_a_job_stops_the_other_takes_it_over_within_a_lease()
    {
        var connection = await UpcareApp.NewDatabaseAsync(DatabaseProvider.Postgres, "takeover");
        var first = new UpcareApp(DatabaseProvider.Postgres, connection, Settings());
        var second = new UpcareApp(DatabaseProvider.Postgres, connection, Settings());
        try
        {
            first.StartServer();
            second.StartServer();
            var names = new[] { first, second }.ToDictionary(a => a.Services.GetRequiredService<LeaseHolder>().Name);
            Assert.Equal(2, names.Count);

            // One of them holds it, and goes on holding it well past one lease: the holder renews.
            var holder = await HolderWithinAsync(first, TimeSpan.FromSeconds(10), h => h is not null);
            Assert.NotNull(holder);
            Assert.Contains(holder, names.Keys);
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(holder, await HolderAsync(first));

            // The holder goes (a stopped instance renews nothing, as a dead one would); the other takes over.
            var survivor = names.Single(n => n.Key != holder).Value;
            await names[holder].DisposeAsync();
            var next = await HolderWithinAsync(survivor, TimeSpan.FromSeconds(15), h => h is not null && h != holder);
            Assert.Equal(survivor.Services.GetRequiredService<LeaseHolder>().Name, next);
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
    }
}
