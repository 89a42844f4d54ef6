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
