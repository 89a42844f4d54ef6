using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>Each provider's migrations must match the model, so neither database is left behind by a change.</summary>
public abstract class MigrationsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task The_migrations_cover_the_whole_model_and_apply_to_an_empty_database()
    {
        await using var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "migrations"));
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, $"The model has changes with no {provider} migration: add one (see README).");
        var applied = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(applied);
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}

public sealed class MigrationsOnSqliteTests() : MigrationsTests(DatabaseProvider.Sqlite);

public sealed class MigrationsOnPostgresTests() : MigrationsTests(DatabaseProvider.Postgres);

/// <summary>Instances of a deployment start together; on an empty PostgreSQL database they take turns to migrate.</summary>
public sealed class ConcurrentStartOnPostgresTests
{
    [Fact]
    public async Task Four_instances_starting_at_once_on_an_empty_database_all_start_and_migrate_it_once()
    {
        var connection = await UpcareApp.NewDatabaseAsync(DatabaseProvider.Postgres, "startup_race");
        var apps = Enumerable.Range(0, 4).Select(_ => new UpcareApp(DatabaseProvider.Postgres, connection)).ToList();
        try
        {
            using var go = new Barrier(apps.Count);
            // Each instance starts on its own thread, released together, as a rollout would start them.
            await Task.WhenAll(apps.Select(app => Task.Run(() => { go.SignalAndWait(); app.StartServer(); })));
            foreach (var app in apps)
            {
                Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
            }
            var applied = (await apps[0].WithDbAsync(db => db.Database.GetAppliedMigrationsAsync())).ToList();
            Assert.Equal(applied.Distinct().Count(), applied.Count);
            Assert.Equal(await apps[0].WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().Count())), applied.Count);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}
