using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Data;
using Upcare.People;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Synthetic;

/// <summary>The region seeder behind the commissioning benchmark (binary COPY into PostgreSQL), at a small size.</summary>
public sealed class RegionSeederTests
{
    [Fact]
    public async Task A_region_is_copied_in_whole_and_the_commissioner_figures_count_it()
    {
        await using var app = new UpcareApp(DatabaseProvider.Postgres, await UpcareApp.NewDatabaseAsync(DatabaseProvider.Postgres, "region"));
        var folder = Directory.CreateTempSubdirectory("upcare-region-").FullName;
        using (var scope = app.Services.CreateScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<Upcare.ServiceDirectory.DirectorySeeder>();
            await directory.LoadSyntheticPostcodesAsync(folder);
            await directory.SeedAsync(60, 3);
            var made = await scope.ServiceProvider.GetRequiredService<RegionSeeder>().SeedAsync(3000, 15_000, 3);
            Assert.Equal(3000, made.People);
            Assert.InRange(made.Activity, 12_000, 18_000);
            Assert.True(made.Referrals > 50 && made.CommunityReferrals >= made.Referrals && made.Plans > 20 && made.Budgets > 0, made.ToString());

            // What was counted is what is stored, children with their parents.
            var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
            Assert.Equal(made.People, await db.People.CountAsync());
            Assert.Equal(made.Activity, await db.ActivityRecords.CountAsync());
            Assert.Equal(made.Referrals, await db.SocialPrescribingReferrals.CountAsync());
            Assert.Equal(made.Referrals, await db.Set<Upcare.SocialPrescribing.ReferralNeed>().Select(n => n.ReferralId).Distinct().CountAsync());
            Assert.True(await db.LongTermConditions.AnyAsync());
            // Every number is in the 999 test range: never issued, so never a real person's.
            Assert.True(await db.People.AllAsync(p => p.NhsNumber.StartsWith("999") && p.NhsNumber.Length == 10));
            // The ledgers balance: each budget's allocations cover its spending.
            var ledgers = await db.LedgerEntries.GroupBy(e => e.BudgetId).Select(g => new
            {
                Allocated = g.Where(e => e.Kind == Upcare.PersonalBudgets.EntryKind.Allocation).Sum(e => e.AmountPence),
                Spent = g.Where(e => e.Kind == Upcare.PersonalBudgets.EntryKind.Spend).Sum(e => e.AmountPence),
            }).ToListAsync();
            Assert.Equal(made.Budgets, ledgers.Count);
            Assert.All(ledgers, l => Assert.InRange(l.Spent, 0, l.Allocated));

            // A second region is refused: synthetic people are never mixed into a populated database.
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<RegionSeeder>().SeedAsync(10, 10, 4));
        }

        var figures = app.Services.CreateScope().ServiceProvider.GetRequiredService<CommissioningService>();
        var (from, to) = figures.DefaultPeriod();
        var reach = await figures.ReachAsync(from, to, Split.AgeBand);
        Assert.True(reach.Totals[Intervention.SocialPrescribing] > 0);
        Assert.Equal(reach.Totals[Intervention.SocialPrescribing], reach.Rows.Sum(r => r.People.GetValueOrDefault(Intervention.SocialPrescribing)));
        // GP and hospital use is made for those discharged, and only for them: fewer GP appointments after, on average.
        var use = await app.Services.CreateScope().ServiceProvider.GetRequiredService<Upcare.ServiceUse.ServiceUseFigures>().WindowAsync(6);
        var gp = use.Rows.Single(r => r.Kind == Upcare.ServiceUse.ServiceUseKind.GpAppointment);
        Assert.True(use.People > 10 && gp.Before > gp.After && gp.After > 0, $"{use.People} people, GP {gp.Before} before, {gp.After} after");
        var commissioner = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Commissioner));
        foreach (var path in new[] { "/figures/service-use", "/figures", "/figures/reach?Split=LongTermConditions", "/figures/outcomes?Split=ImdDecile", "/figures/vcse?Split=Sex", "/figures/budgets?Split=AgeBand" })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await commissioner.GetAsync(path)).Status);
        }
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_benchmark_population_may_use_every_test_range_number_but_the_ordinary_one_only_valid_ones()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationGenerator(1, PopulationGenerator.MaxPeople + 1));
        var numbers = new PopulationGenerator(1, 30, allowUncheckedNumbers: true).People().Select(p => p.NhsNumber).ToList();
        // In order from 999 000 000; the first has no valid check digit (the Modulus 11 result is 10), the second does.
        Assert.Equal(["9990000000", "9990000018"], numbers.Take(2));
        Assert.Equal(30, numbers.Distinct().Count());
        Assert.Contains(numbers, n => !NhsNumber.TryParse(n, out _));
        Assert.All(new PopulationGenerator(1, 30).People(), p => Assert.True(NhsNumber.TryParse(p.NhsNumber, out _)));
    }
}
