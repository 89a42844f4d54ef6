using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Data;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Synthetic;

/// <summary>Seeding a real database, on each provider.</summary>
public abstract class SeedingTests(DatabaseProvider provider)
{
    private async Task<List<string>> SeedFreshAsync(int people, int seed)
    {
        await using var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "seed"));
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(people, seed);
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        return await db.People.AsNoTracking()
            .OrderBy(p => p.NhsNumber)
            .Select(p => p.NhsNumber + "|" + p.GivenName + "|" + p.FamilyName + "|" + p.DateOfBirth + "|" + p.Postcode + "|" + p.LongTermConditions.Count + "|" + p.WhatMatters.Count)
            .ToListAsync();
    }

    [Fact]
    public async Task Seeding_twice_with_the_same_seed_stores_the_same_people()
    {
        var first = await SeedFreshAsync(300, 42);
        var second = await SeedFreshAsync(300, 42);
        Assert.Equal(300, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seeding_refuses_a_database_that_already_has_people()
    {
        await using var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "seedtwice"));
        using var scope = app.Services.CreateScope();
        var seeder = scope.ServiceProvider.GetRequiredService<PopulationSeeder>();
        await seeder.SeedAsync(10, 1);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedAsync(10, 2));
        Assert.Contains("already has 10 people", error.Message);
        Assert.Equal(10, await scope.ServiceProvider.GetRequiredService<UpcareDbContext>().People.CountAsync());
    }

    [Fact]
    public async Task Demo_mode_seeds_an_empty_database_on_start()
    {
        await using var app = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "demo"),
            new Dictionary<string, string?> { ["Upcare:Demo"] = "true", ["Upcare:DemoPeople"] = "200", ["Upcare:DemoPassword"] = UpcareApp.Password });
        var client = new PageClient(app);
        var home = await client.GetAsync("/");
        Assert.Contains("200", home.Document.QuerySelector(".nhsuk-summary-list__value")!.TextContent);
        Assert.Equal(200, await app.WithDbAsync(db => db.People.CountAsync()));

        // Demo sign-ins: one per kind of user, and people; person2 cares for person1.
        var emails = await app.WithDbAsync(db => db.Users.Select(u => u.Email!).ToListAsync());
        foreach (var role in new[] { "clinician", "linkworker", "coach", "coordinator", "vcse", "budgets", "commissioner", "admin", "person1", "person2", "person3" })
        {
            Assert.Contains($"{role}@demo.upcare.test", emails);
        }
        var carer = await PageClient.SignedInAsync(app, "person2@demo.upcare.test");
        var me = await carer.GetAsync("/me");
        Assert.Equal(System.Net.HttpStatusCode.OK, me.Status);
        Assert.Contains("People you care for", me.Text);
    }
}

public sealed class SeedingOnSqliteTests() : SeedingTests(DatabaseProvider.Sqlite);

public sealed class SeedingOnPostgresTests() : SeedingTests(DatabaseProvider.Postgres);
