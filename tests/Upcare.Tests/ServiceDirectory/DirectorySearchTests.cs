using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Data;
using Upcare.ServiceDirectory;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceDirectory;

/// <summary>A small synthetic directory and its postcodes, on one provider, shared by a test class.</summary>
public abstract class DirectoryFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "directory"));
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(10, 1);
        var seeder = scope.ServiceProvider.GetRequiredService<DirectorySeeder>();
        await seeder.LoadSyntheticPostcodesAsync(Path.Combine(Path.GetTempPath(), $"upcare-postcodes-{Guid.NewGuid():N}"));
        await seeder.SeedAsync(150, 11);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteDirectoryFixture() : DirectoryFixture(DatabaseProvider.Sqlite);

public sealed class PostgresDirectoryFixture() : DirectoryFixture(DatabaseProvider.Postgres);

/// <summary>The public directory search, through its page and its service, on each provider.</summary>
public abstract class DirectorySearchTests(DirectoryFixture fixture)
{
    private UpcareApp App => fixture.App;

    private async Task<DirectoryPage> SearchAsync(DirectoryQuery query)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DirectorySearch>().SearchAsync(query);
    }

    private async Task<List<DirectoryResult>> AllAsync(DirectoryQuery query)
    {
        var all = new List<DirectoryResult>();
        for (query.Page = 1; ; query.Page++)
        {
            var page = await SearchAsync(query);
            all.AddRange(page.Results);
            if (all.Count >= page.Total)
            {
                Assert.Equal(page.Total, all.Count);
                return all;
            }
        }
    }

    [Fact]
    public async Task Searching_by_need_finds_exactly_the_services_tagged_with_it()
    {
        var expected = await App.WithDbAsync(db => db.ServiceTaxonomies
            .Where(t => db.TaxonomyTerms.Any(term => term.Id == t.TermId && term.Code == "loneliness")).Select(t => t.ServiceId).Distinct().ToListAsync());
        Assert.NotEmpty(expected);
        var found = await AllAsync(new DirectoryQuery { Need = "loneliness" });
        Assert.Equal(expected.Order(), found.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Distance_search_finds_every_service_within_the_radius_nearest_first_and_none_beyond()
    {
        const double radius = 2.0;
        var origin = SyntheticPostcodes.All().First(p => p.Postcode == "NE4 6BE");
        var places = await App.WithDbAsync(db => db.ServiceAtLocations.Select(l => new { l.ServiceId, l.Location.Latitude, l.Location.Longitude }).ToListAsync());
        var expected = places.Where(p => PostcodeDirectory.DistanceKm(origin.Latitude, origin.Longitude, p.Latitude, p.Longitude) <= radius).Select(p => p.ServiceId).Distinct().ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < places.Count, "the radius should leave some services out");

        var found = await AllAsync(new DirectoryQuery { Postcode = "ne46be", WithinKm = radius });
        Assert.Equal(expected.Order(), found.Select(r => r.Id).Order());
        Assert.All(found, r => Assert.True(r.DistanceKm <= radius));
        Assert.Equal(found.Select(r => r.DistanceKm), found.Select(r => r.DistanceKm).Order());
    }

    [Fact]
    public async Task Eligibility_cost_opening_and_delivery_filters_each_narrow_the_results()
    {
        var all = (await SearchAsync(new DirectoryQuery())).Total;
        Assert.Equal(150, all);

        var forThirty = await AllAsync(new DirectoryQuery { Age = 30 });
        var notForThirty = await App.WithDbAsync(db => db.CommunityServices.CountAsync(s => s.MinimumAge > 30 || s.MaximumAge < 30));
        Assert.Equal(150 - notForThirty, forThirty.Count);

        var free = await AllAsync(new DirectoryQuery { FreeOnly = true });
        Assert.Equal(await App.WithDbAsync(db => db.CommunityServices.CountAsync(s => s.IsFree)), free.Count);
        Assert.All(free, r => Assert.Equal("Free", r.Cost));

        var mondayTen = await AllAsync(new DirectoryQuery { Day = DayOfWeek.Monday, Time = new TimeOnly(10, 0) });
        var times = await App.WithDbAsync(db => db.OpeningTimes.Where(o => o.Day == DayOfWeek.Monday).ToListAsync());
        var expected = times.Where(o => o.Opens <= new TimeOnly(10, 0) && o.Closes > new TimeOnly(10, 0)).Select(o => o.ServiceId).Distinct();
        Assert.Equal(expected.Order(), mondayTen.Select(r => r.Id).Order());

        var online = await AllAsync(new DirectoryQuery { Online = true });
        Assert.Equal(await App.WithDbAsync(db => db.CommunityServices.CountAsync(s => s.Online)), online.Count);

        var words = await AllAsync(new DirectoryQuery { Text = "walking GROUP" });
        Assert.NotEmpty(words);
        Assert.All(words, r => Assert.Contains("walking group", r.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(Eligibility.ConditionsTaxonomy, "copd", "diabetes")]
    [InlineData(Eligibility.ConditionsTaxonomy, "diabetes", "copd")]
    [InlineData(Eligibility.GenderTaxonomy, "men", "women")]
    [InlineData(Eligibility.GenderTaxonomy, "women", "men")]
    public async Task A_condition_or_gender_leaves_out_services_only_for_others_and_keeps_those_for_anyone(string taxonomy, string code, string other)
    {
        var restricting = Eligibility.Terms.Where(t => t.Taxonomy == taxonomy).Select(t => t.Id).ToList();
        var chosen = Eligibility.TermIdOf(taxonomy, code);
        var links = await App.WithDbAsync(db => db.ServiceTaxonomies.Select(t => new { t.ServiceId, t.TermId }).ToListAsync());
        var services = await App.WithDbAsync(db => db.CommunityServices.Select(s => s.Id).ToListAsync());
        var onlyForOthers = services.Where(id => links.Any(l => l.ServiceId == id && restricting.Contains(l.TermId)) && !links.Any(l => l.ServiceId == id && l.TermId == chosen)).ToList();
        // The synthetic directory has services only for each, so the filter has something to leave out and to keep.
        Assert.Contains(links, l => l.TermId == chosen);
        Assert.Contains(links, l => l.TermId == Eligibility.TermIdOf(taxonomy, other));

        var query = taxonomy == Eligibility.ConditionsTaxonomy ? new DirectoryQuery { Condition = code } : new DirectoryQuery { Gender = code };
        var found = (await AllAsync(query)).Select(r => r.Id).ToList();
        Assert.Equal(services.Except(onlyForOthers).Order(), found.Order());
        Assert.Contains(links.First(l => l.TermId == chosen).ServiceId, found);
        Assert.DoesNotContain(links.First(l => l.TermId == Eligibility.TermIdOf(taxonomy, other)).ServiceId, found);
    }

    [Fact]
    public async Task The_search_page_works_for_anyone_and_explains_bad_input()
    {
        var anyone = new PageClient(App);
        var page = await anyone.GetAsync("/directory?search=1&Need=debt-advice&Postcode=NE4+6BE&Within=5");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Matches("^[0-9]+ services? found$", page.Document.GetElementById("results")!.TextContent);
        Assert.Contains("miles", page.Text);

        var unknown = await anyone.GetAsync("/directory?search=1&Postcode=SW1A+1AA");
        Assert.Equal(["SW1A 1AA is not in the postcode directory. Check it, or search without a postcode"], unknown.ErrorSummary);
        var bad = await anyone.GetAsync("/directory?search=1&Postcode=12345&Age=old&Condition=gout&Gender=x&Time=25:99");
        Assert.Equal(
            ["Enter a real postcode, like NE4 6BE", "Age must be a whole number of years, from 0 to 120", "Choose a condition from the list", "Choose a gender from the list", "Enter a time in the 24-hour clock, like 14:30"],
            bad.ErrorSummary);
        Assert.Null(bad.Document.GetElementById("results"));
    }

    [Fact]
    public async Task A_service_page_shows_what_it_offers_when_and_how_to_get_in_touch()
    {
        var id = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.InPerson && s.OpeningTimes.Any()).Select(s => s.Id).FirstAsync());
        var page = await new PageClient(App).GetAsync($"/directory/services/{id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Opening times", page.Text);
        Assert.Contains("Phone: 0191 498", page.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await new PageClient(App).GetAsync($"/directory/services/{Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Postcodes_load_from_an_ONSPD_layout_file_and_a_second_load_adds_nothing()
    {
        using var scope = App.Services.CreateScope();
        var postcodes = scope.ServiceProvider.GetRequiredService<PostcodeDirectory>();
        var csv = "pcd,pcd2,pcds,dointr,doterm,lat,long\n\"NE1 4ST\",\"NE1  4ST\",\"NE1 4ST\",\"198001\",\"\",54.973,-1.614\n\"NE1 9ZZ\",\"NE1  9ZZ\",\"NE1 9ZZ\",\"198001\",\"\",99.999999,0.000000\n";
        Assert.Equal(1, await postcodes.LoadCsvAsync(new StringReader(csv)));
        Assert.Equal(0, await postcodes.LoadCsvAsync(new StringReader(csv)));
        Assert.Equal((54.973, -1.614), await postcodes.FindAsync("ne1 4st"));
        Assert.Null(await postcodes.FindAsync("NE1 9ZZ")); // no grid reference: not a position
    }
}

public sealed class DirectorySearchOnSqliteTests(SqliteDirectoryFixture fixture) : DirectorySearchTests(fixture), IClassFixture<SqliteDirectoryFixture>;

public sealed class DirectorySearchOnPostgresTests(PostgresDirectoryFixture fixture) : DirectorySearchTests(fixture), IClassFixture<PostgresDirectoryFixture>;
