using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NJsonSchema;
using Upcare.ServiceDirectory;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceDirectory;

/// <summary>The Open Referral UK 3.0 API at /oruk: every response shape checked against the UK profile's compiled schemas.</summary>
public abstract class OrukApiTests(DirectoryFixture fixture)
{
    private UpcareApp App => fixture.App;
    private readonly HttpClient _http = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

    /// <summary>../shared/reference/oruk-3.0 beside the repository (as in CI).</summary>
    public static string Reference(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Upcare.slnx")))
        {
            dir = dir.Parent;
        }
        var root = Path.Combine(dir?.Parent?.FullName ?? throw new InvalidOperationException("Upcare.slnx not found above the test folder"), "shared", "reference", "oruk-3.0");
        Assert.True(System.IO.Directory.Exists(root), $"The ORUK reference is missing at {root}");
        return Path.Combine([root, .. parts]);
    }

    private static readonly Dictionary<string, JsonSchema> Schemas = [];

    private static JsonSchema Schema(string name)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(name, out var schema))
            {
                schema = JsonSchema.FromFileAsync(Reference("schema", "compiled", name + ".json")).GetAwaiter().GetResult();
                Schemas[name] = schema;
            }
            return schema;
        }
    }

    private static void AssertValid(string schema, JsonElement json)
    {
        var errors = Schema(schema).Validate(json.GetRawText());
        Assert.True(errors.Count == 0, $"{schema}: " + string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}")));
    }

    private async Task<JsonElement> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertPage(JsonElement page, int size)
    {
        foreach (var field in new[] { "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents" })
        {
            Assert.True(page.TryGetProperty(field, out _), $"paging field {field} missing");
        }
        Assert.Equal(size, page.GetProperty("contents").GetArrayLength());
        Assert.Equal(size, page.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task The_api_is_public_and_readable_from_any_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/oruk/services?per_page=1");
        request.Headers.Add("Origin", "https://another-directory.example");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var details = await GetAsync("/oruk");
        Assert.Equal("3.0", details.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Service_lists_page_and_every_item_and_full_service_matches_the_schemas()
    {
        var first = await GetAsync("/oruk/services?per_page=7");
        AssertPage(first, 7);
        Assert.Equal(150, first.GetProperty("total_items").GetInt32());
        Assert.Equal(22, first.GetProperty("total_pages").GetInt32());
        Assert.True(first.GetProperty("first_page").GetBoolean());
        foreach (var item in first.GetProperty("contents").EnumerateArray())
        {
            AssertValid("service_list", item);
        }
        var last = await GetAsync("/oruk/services?per_page=7&page=22");
        Assert.True(last.GetProperty("last_page").GetBoolean());
        AssertPage(last, 3);

        var ids = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Locations.Any() && s.CostOptions.Any()).Select(s => s.Id).Take(3).ToListAsync());
        foreach (var id in ids)
        {
            var service = await GetAsync($"/oruk/services/{id}");
            AssertValid("service", service);
            Assert.NotEmpty(service.GetProperty("schedules").EnumerateArray());
            Assert.NotEmpty(service.GetProperty("service_at_locations").EnumerateArray());
            Assert.NotEmpty(service.GetProperty("attributes").EnumerateArray());
        }
    }

    [Fact]
    public async Task Services_at_locations_near_a_postcode_come_nearest_first_and_match_the_schemas()
    {
        var near = await GetAsync("/oruk/service_at_locations?postcode=NE4%206BE&proximity=2000&per_page=10");
        var contents = near.GetProperty("contents").EnumerateArray().ToList();
        Assert.NotEmpty(contents);
        foreach (var item in contents)
        {
            AssertValid("service_at_location_list", item);
        }
        var all = await GetAsync("/oruk/service_at_locations?per_page=200");
        Assert.True(near.GetProperty("total_items").GetInt32() < all.GetProperty("total_items").GetInt32());
        var one = await GetAsync($"/oruk/service_at_locations/{contents[0].GetProperty("id").GetString()}");
        AssertValid("service_at_location", one);
    }

    [Fact]
    public async Task Filters_by_taxonomy_term_age_and_opening()
    {
        var loneliness = await App.WithDbAsync(db => db.TaxonomyTerms.Where(t => t.Code == "loneliness").Select(t => t.Id).SingleAsync());
        var expected = await App.WithDbAsync(db => db.ServiceTaxonomies.CountAsync(t => t.TermId == loneliness));
        var tagged = await GetAsync($"/oruk/services?taxonomy_term_id={loneliness}&per_page=200");
        Assert.Equal(expected, tagged.GetProperty("total_items").GetInt32());

        var young = await GetAsync("/oruk/services?maximum_age=20&per_page=200");
        var notForYoung = await App.WithDbAsync(db => db.CommunityServices.CountAsync(s => s.MinimumAge > 20));
        Assert.Equal(150 - notForYoung, young.GetProperty("total_items").GetInt32());

        var monday = await GetAsync("/oruk/services?day=MO&start_time=10:00&end_time=11:00&per_page=200");
        var times = await App.WithDbAsync(db => db.OpeningTimes.Where(o => o.Day == DayOfWeek.Monday).ToListAsync());
        var open = times.Where(o => o.Closes > new TimeOnly(10, 0) && o.Opens < new TimeOnly(11, 0)).Select(o => o.ServiceId).Distinct().Count();
        Assert.Equal(open, monday.GetProperty("total_items").GetInt32());
    }

    [Fact]
    public async Task Taxonomies_and_terms_are_listed_and_found_by_id()
    {
        var taxonomies = await GetAsync("/oruk/taxonomies");
        var names = taxonomies.GetProperty("contents").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["upcare-eligibility-conditions", "upcare-eligibility-gender", "upcare-needs"], names);
        var needs = taxonomies.GetProperty("contents").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "upcare-needs");
        var full = await GetAsync($"/oruk/taxonomies/{needs.GetProperty("id").GetString()}");
        Assert.Equal(12, full.GetProperty("taxonomy_terms").GetArrayLength());
        var terms = await GetAsync("/oruk/taxonomy_terms?per_page=5");
        AssertPage(terms, 5);
        var first = terms.GetProperty("contents")[0];
        var term = await GetAsync($"/oruk/taxonomy_terms/{first.GetProperty("id").GetString()}");
        Assert.Equal(first.GetProperty("name").GetString(), term.GetProperty("name").GetString());
        Assert.Equal(taxonomies.GetProperty("contents")[0].GetProperty("id").GetString(), term.GetProperty("taxonomy_id").GetString());
    }

    [Fact]
    public async Task Who_a_service_is_only_for_is_served_as_eligibility_attributes()
    {
        var men = Eligibility.TermIdOf(Eligibility.GenderTaxonomy, "men");
        var id = await App.WithDbAsync(db => db.ServiceTaxonomies.Where(t => t.TermId == men).Select(t => t.ServiceId).FirstAsync());
        var service = await GetAsync($"/oruk/services/{id}");
        AssertValid("service", service);
        var attributes = service.GetProperty("attributes").EnumerateArray().ToList();
        var eligibility = Assert.Single(attributes, a => a.GetProperty("link_type").GetString() == "eligibility");
        Assert.Equal("Men", eligibility.GetProperty("taxonomy_term").GetProperty("name").GetString());
        Assert.Contains(attributes, a => a.GetProperty("link_type").GetString() == "service");
    }

    [Fact]
    public async Task Bad_parameters_are_400_naming_the_parameter_and_unknown_ids_404()
    {
        var bad = await GetAsync("/oruk/services?per_page=1000", HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("per_page", out _));
        var day = await GetAsync("/oruk/services?day=Funday", HttpStatusCode.BadRequest);
        Assert.True(day.GetProperty("errors").TryGetProperty("day", out _));
        var term = await GetAsync("/oruk/services?taxonomy_term_id=nope", HttpStatusCode.BadRequest);
        Assert.True(term.GetProperty("errors").TryGetProperty("taxonomy_term_id", out _));
        await GetAsync($"/oruk/services/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }
}

public sealed class OrukApiOnSqliteTests(SqliteDirectoryFixture fixture) : OrukApiTests(fixture), IClassFixture<SqliteDirectoryFixture>;

public sealed class OrukApiOnPostgresTests(PostgresDirectoryFixture fixture) : OrukApiTests(fixture), IClassFixture<PostgresDirectoryFixture>;
