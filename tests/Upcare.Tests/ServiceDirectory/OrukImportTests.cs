using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.ServiceDirectory;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceDirectory;

/// <summary>Importing Open Referral UK documents and APIs, on each provider.</summary>
public abstract class OrukImportTests(DatabaseProvider provider)
{
    private static string Example(string name) => File.ReadAllText(OrukApiTests.Reference("examples", name));

    private async Task<UpcareApp> FreshAsync(string name) => new(provider, await UpcareApp.NewDatabaseAsync(provider, name));

    private static async Task<ImportReport> ImportAsync(UpcareApp app, string json)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrukImporter>().ImportJsonAsync(json);
    }

    private static async Task<JsonElement> GetAsync(UpcareApp app, string url)
    {
        using var http = app.CreateClient();
        return JsonDocument.Parse(await http.GetStringAsync(url)).RootElement.Clone();
    }

    [Fact]
    public async Task The_full_service_example_imports_and_is_served_back_equivalent_and_a_second_import_changes_nothing()
    {
        await using var app = await FreshAsync("import-full");
        var source = JsonDocument.Parse(Example("service_full.json")).RootElement;
        var report = await ImportAsync(app, source.GetRawText());
        var item = Assert.Single(report.Items);
        Assert.Equal(ImportOutcome.Added, item.Outcome);
        Assert.Contains(item.Notes, n => n.StartsWith("service_areas is not kept", StringComparison.Ordinal)); // reported, not silently dropped

        var id = source.GetProperty("id").GetString();
        var served = await GetAsync(app, $"/oruk/services/{id}");
        foreach (var field in new[] { "id", "name", "description", "url", "email", "status", "fees" })
        {
            Assert.Equal(source.GetProperty(field).GetString(), served.GetProperty(field).GetString());
        }
        Assert.Equal(source.GetProperty("minimum_age").GetInt32(), served.GetProperty("minimum_age").GetInt32());
        Assert.Equal(source.GetProperty("maximum_age").GetInt32(), served.GetProperty("maximum_age").GetInt32());
        Assert.Equal(source.GetProperty("organization").GetProperty("id").GetString(), served.GetProperty("organization").GetProperty("id").GetString());
        Assert.Equal(source.GetProperty("organization").GetProperty("name").GetString(), served.GetProperty("organization").GetProperty("name").GetString());

        // Weekly hours: each day of "TH,FR" 10:00–18:00 comes back as its own weekly schedule with the same hours.
        static IEnumerable<string> Hours(JsonElement service) => service.GetProperty("schedules").EnumerateArray()
            .SelectMany(s => s.GetProperty("byday").GetString()!.Split(',').Select(d => $"{d} {s.GetProperty("opens_at").GetString()}-{s.GetProperty("closes_at").GetString()}"));
        Assert.Equal(Hours(source).Order(), Hours(served).Order());

        static IEnumerable<string> Places(JsonElement service) => service.GetProperty("service_at_locations").EnumerateArray().Select(l => l.GetProperty("location"))
            .Select(l => $"{l.GetProperty("id").GetString()}|{l.GetProperty("name").GetString()}|{l.GetProperty("latitude").GetDouble()}|{l.GetProperty("longitude").GetDouble()}|{l.GetProperty("addresses")[0].GetProperty("address_1").GetString()}|{l.GetProperty("addresses")[0].GetProperty("city").GetString()}");
        Assert.Equal(Places(source).Order(), Places(served).Order());

        static IEnumerable<string> Costs(JsonElement service) => service.GetProperty("cost_options").EnumerateArray()
            .Select(c => $"{c.GetProperty("option").GetString()}|{c.GetProperty("amount").GetDecimal():0.00}|{c.GetProperty("amount_description").GetString()}");
        Assert.Equal(Costs(source), Costs(served));

        static IEnumerable<string> Terms(JsonElement service) => service.GetProperty("attributes").EnumerateArray()
            .Select(a => a.GetProperty("taxonomy_term").GetProperty("id").GetString()!);
        Assert.Equal(Terms(source).Distinct().Order(), Terms(served).Order());

        var before = await app.WithDbAsync(db => db.CommunityServices.Select(s => s.UpdatedAt).SingleAsync());
        var again = await ImportAsync(app, source.GetRawText());
        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(again.Items).Outcome);
        Assert.Equal(before, await app.WithDbAsync(db => db.CommunityServices.Select(s => s.UpdatedAt).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CommunityServices.CountAsync()));
    }

    [Theory]
    [InlineData("service_list.json"), InlineData("organization_full.json"), InlineData("organization_list.json")]
    [InlineData("service_at_location_full.json"), InlineData("service_at_location_list.json"), InlineData("taxonomy.json"), InlineData("taxonomy_term_list.json")]
    public async Task Every_example_document_imports_and_importing_it_twice_changes_nothing(string example)
    {
        await using var app = await FreshAsync("import-" + Path.GetFileNameWithoutExtension(example).Replace("_", ""));
        var first = await ImportAsync(app, Example(example));
        Assert.NotEmpty(first.Items);
        Assert.True(first.Count(ImportOutcome.Rejected) == 0, string.Join("; ", first.Items.SelectMany(i => i.Notes)));
        var second = await ImportAsync(app, Example(example));
        Assert.All(second.Items, i => Assert.Equal(ImportOutcome.Unchanged, i.Outcome));
    }

    [Fact]
    public async Task A_partly_bad_file_loads_what_is_valid_and_reports_each_problem()
    {
        await using var app = await FreshAsync("import-bad");
        var org = new { id = "0c1c4f7e-7a44-4c8b-9c1e-111111111111", name = "Test Organisation", description = "Test" };
        var file = JsonSerializer.Serialize(new object[]
        {
            new { id = "2c1c4f7e-7a44-4c8b-9c1e-222222222222", name = "Good service", status = "active", organization = org,
                  attributes = new[] { new { id = "3c1c4f7e-7a44-4c8b-9c1e-333333333333", taxonomy_term_id = "4c1c4f7e-7a44-4c8b-9c1e-444444444444" } } },
            new { id = "5c1c4f7e-7a44-4c8b-9c1e-555555555555", name = "", status = "active", organization = org },
            new { id = "not-a-uuid", name = "Bad id", status = "open", organization = org },
        });
        var report = await ImportAsync(app, file);
        Assert.Equal([ImportOutcome.Added, ImportOutcome.Rejected, ImportOutcome.Rejected], report.Items.Select(i => i.Outcome));
        Assert.Contains("unknown taxonomy term 4c1c4f7e-7a44-4c8b-9c1e-444444444444", report.Items[0].Notes.Single());
        Assert.Equal(["name is missing"], report.Items[1].Notes);
        Assert.Equal(["id is missing or not a UUID", "status 'open' is not one of active, inactive, defunct, temporarily closed"], report.Items[2].Notes);
        Assert.Equal(["Good service"], await app.WithDbAsync(db => db.CommunityServices.Select(s => s.Name).ToListAsync()));

        var notJson = await ImportAsync(app, "{ not json");
        Assert.Equal(ImportOutcome.Rejected, Assert.Single(notJson.Items).Outcome);
    }

    [Fact]
    public async Task Another_directorys_API_imports_page_by_page_and_again_without_duplicates()
    {
        await using var source = await FreshAsync("import-source");
        using (var scope = source.Services.CreateScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DirectorySeeder>();
            await seeder.LoadSyntheticPostcodesAsync(Path.Combine(Path.GetTempPath(), $"upcare-postcodes-{Guid.NewGuid():N}"));
            await seeder.SeedAsync(130, 5);
        }
        await using var target = await FreshAsync("import-target");
        using var http = source.CreateClient();
        ImportReport Import()
        {
            using var scope = target.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<OrukImporter>().ImportFromApiAsync(http, "http://localhost/oruk").GetAwaiter().GetResult();
        }
        var first = Import();
        Assert.Equal(130, first.Count(ImportOutcome.Added));
        Assert.Equal(130, await target.WithDbAsync(db => db.CommunityServices.CountAsync()));
        var second = Import();
        Assert.Equal(130, second.Count(ImportOutcome.Unchanged));
        Assert.Equal(130, await target.WithDbAsync(db => db.CommunityServices.CountAsync()));
        var sourceTimes = await source.WithDbAsync(db => db.OpeningTimes.CountAsync());
        Assert.Equal(sourceTimes, await target.WithDbAsync(db => db.OpeningTimes.CountAsync()));
    }

    [Fact]
    public async Task The_import_page_asks_for_a_file_or_an_address()
    {
        await using var app = await FreshAsync("import-page");
        var admin = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Administrator));
        var empty = await admin.SubmitAsync("/admin/directory-import", new Dictionary<string, string>());
        Assert.Equal(["Choose an Open Referral UK JSON file, or enter the address of another directory's API"], empty.ErrorSummary);
        var bad = await admin.SubmitAsync("/admin/directory-import", new Dictionary<string, string> { ["BaseAddress"] = "ftp://nowhere" });
        Assert.Equal(["Enter a web address starting https://, like https://directory.example/oruk"], bad.ErrorSummary);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
    }
}

public sealed class OrukImportOnSqliteTests() : OrukImportTests(DatabaseProvider.Sqlite);

public sealed class OrukImportOnPostgresTests() : OrukImportTests(DatabaseProvider.Postgres);
