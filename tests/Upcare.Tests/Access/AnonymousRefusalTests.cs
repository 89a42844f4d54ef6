using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>A stranger sending requests without end cannot fill the audit trail, and still appears in it.</summary>
public abstract class AnonymousRefusalTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private Task<int> AnonymousEntriesAsync() => App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.UserName == "anonymous"));

    [Fact]
    public async Task Two_hundred_requests_to_made_up_paths_write_one_entry_and_one_count_not_two_hundred_entries()
    {
        // Other tests' windows are closed first, so the counts below are this test's alone.
        await App.Services.GetRequiredService<AnonymousRefusals>().FlushAsync(all: true);
        var before = await AnonymousEntriesAsync();
        var stranger = new PageClient(App);
        for (var i = 0; i < 200; i++)
        {
            using var response = await stranger.Http.GetAsync($"/wp-admin/{Guid.NewGuid():N}/probe-{i}.php");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        var first = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "anonymous").OrderByDescending(a => a.Id).Take(5).ToListAsync());
        Assert.Equal(before + 1, await AnonymousEntriesAsync());
        Assert.Equal(("GET /(no such page)", AuditOutcome.Refused), (first[0].Route, first[0].Outcome));

        await App.Services.GetRequiredService<AnonymousRefusals>().FlushAsync(all: true);
        var entries = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "anonymous").OrderByDescending(a => a.Id).Take(2).ToListAsync());
        Assert.Equal(before + 2, await AnonymousEntriesAsync());
        Assert.StartsWith("199 more requests from someone not signed in refused", entries[0].Detail);
        // The made-up paths themselves are not written out.
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Route.Contains("wp-admin") || (a.Detail != null && a.Detail.Contains("wp-admin")))));
    }

    [Fact]
    public async Task Made_up_methods_count_together_too()
    {
        await App.Services.GetRequiredService<AnonymousRefusals>().FlushAsync(all: true);
        var before = await AnonymousEntriesAsync();
        var stranger = new PageClient(App);
        for (var i = 0; i < 20; i++)
        {
            using var response = await stranger.Http.SendAsync(new HttpRequestMessage(new HttpMethod($"PROBE{i}"), "/people"));
        }
        Assert.Equal(before + 1, await AnonymousEntriesAsync());
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Route.StartsWith("PROBE"))));
    }

    [Fact]
    public async Task A_strangers_attempts_on_a_record_route_are_counted_and_the_first_names_the_person()
    {
        var stranger = new PageClient(App);
        await App.Services.GetRequiredService<AnonymousRefusals>().FlushAsync(all: true);
        for (var i = 0; i < 20; i++)
        {
            using var response = await stranger.Http.GetAsync($"/people/{fixture.PersonElsewhere}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await App.Services.GetRequiredService<AnonymousRefusals>().FlushAsync(all: true);
        var entries = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserName == "anonymous" && a.Route == "GET /people/{id:guid}").OrderByDescending(a => a.Id).Take(2).ToListAsync());
        Assert.Equal(fixture.PersonElsewhere, entries[1].PersonId);
        Assert.StartsWith("19 more requests", entries[0].Detail);
    }
}

public sealed class AnonymousRefusalOnSqliteTests(SqliteAccessFixture fixture) : AnonymousRefusalTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class AnonymousRefusalOnPostgresTests(PostgresAccessFixture fixture) : AnonymousRefusalTests(fixture), IClassFixture<PostgresAccessFixture>;
