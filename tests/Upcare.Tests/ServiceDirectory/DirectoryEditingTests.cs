using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.ServiceDirectory;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceDirectory;

/// <summary>VCSE workers keep their own organisation's services up to date, through the pages, on each provider.</summary>
public abstract class DirectoryEditingTests(DirectoryFixture fixture)
{
    private UpcareApp App => fixture.App;

    private async Task<(PageClient Client, Guid Organisation, string Name, string Email)> VcseWorkerAsync()
    {
        var organisation = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync());
        var name = $"Val Volunteer {Guid.NewGuid():N}"[..20];
        var email = await App.CreateUserAsync(UserRole.VcseWorker, organisationId: organisation, name: name);
        return (await PageClient.SignedInAsync(App, email), organisation, name, email);
    }

    [Fact]
    public async Task A_VCSE_worker_sees_and_changes_only_their_own_organisations_services_and_each_change_is_recorded()
    {
        var (client, organisation, name, email) = await VcseWorkerAsync();
        var own = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.OrganisationId == organisation).Select(s => s.Id).ToListAsync());
        var list = await client.GetAsync("/directory/manage");
        Assert.Equal(own.Count, list.Document.QuerySelectorAll("a[href^='/directory/manage/services/']").Length);

        var other = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.OrganisationId != organisation).Select(s => s.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/directory/manage/services/{other}")).Status);

        var id = own[0];
        var url = $"/directory/manage/services/{id}";
        var reopens = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var saved = await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Input.Availability"] = "Full",
            ["Input.ReopensOn.Day"] = reopens.Day.ToString(), ["Input.ReopensOn.Month"] = reopens.Month.ToString(), ["Input.ReopensOn.Year"] = reopens.Year.ToString(),
        });
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var stored = await App.WithDbAsync(db => db.CommunityServices.SingleAsync(s => s.Id == id));
        Assert.Equal(ServiceAvailability.Full, stored.Availability);
        Assert.Equal(reopens, stored.ReopensOn);
        Assert.Equal(await App.UserIdAsync(email), stored.UpdatedByUserId);

        var page = await client.GetAsync(url);
        var history = await App.WithDbAsync(db => db.ServiceEdits.Where(e => e.ServiceId == id).Select(e => e.Summary).ToListAsync());
        Assert.True(page.Text.Contains($"by {name}"), string.Join(" | ", history));
        Assert.Equal("Changed whether it is taking people on", Assert.Single(history));
        var pub = await new PageClient(App).GetAsync($"/directory/services/{id}");
        Assert.Contains("This service is full until", pub.Text);
    }

    [Fact]
    public async Task Bad_input_is_explained_field_by_field_and_nothing_changes()
    {
        var (client, organisation, _, _) = await VcseWorkerAsync();
        var id = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.OrganisationId == organisation && s.InPerson).Select(s => s.Id).FirstAsync());
        var before = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == id).Select(s => new { s.Name, s.Version }).SingleAsync());
        var url = $"/directory/manage/services/{id}";
        var page = await client.GetAsync(url);
        var fields = new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Postcode"] = "ZZ99 9ZZ", ["Input.Opens[Monday]"] = "14:00", ["Input.Closes[Monday]"] = "10:00" };
        // Untick every need.
        foreach (var box in page.Document.QuerySelectorAll("input[name='Input.Needs']"))
        {
            box.RemoveAttribute("checked");
        }
        var result = await client.SubmitFormAsync(page, url, fields);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Enter the name of the service", result.ErrorSummary);
        Assert.Contains("Enter a real postcode, like NE4 6BE", result.ErrorSummary);
        Assert.Contains("Monday's closing time must be after its opening time", result.ErrorSummary);
        Assert.Contains("Select at least one need the service helps with", result.ErrorSummary);
        var after = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == id).Select(s => new { s.Name, s.Version }).SingleAsync());
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Two_people_editing_one_service_do_not_overwrite_each_other()
    {
        var (client, organisation, _, _) = await VcseWorkerAsync();
        var id = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.OrganisationId == organisation).OrderBy(s => s.Name).Select(s => s.Id).Skip(1).FirstAsync());
        var url = $"/directory/manage/services/{id}";
        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(first, url, new Dictionary<string, string> { ["Input.Name"] = "First editor's name" })).Status);
        var conflict = await client.SubmitFormAsync(second, url, new Dictionary<string, string> { ["Input.Name"] = "Second editor's name" });
        Assert.Contains("Someone else in your organisation changed this service", conflict.ErrorSummary.Single());
        Assert.Equal("First editor's name", await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == id).Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_new_service_is_found_in_the_public_directory_at_once()
    {
        var (client, _, _, _) = await VcseWorkerAsync();
        var form = await client.GetAsync("/directory/manage/new");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Ukulele orchestra for everyone", ["Input.Needs"] = "arts-creativity", ["Input.Availability"] = "TakingReferrals",
            ["Input.LocationName"] = "Benwell Library", ["Input.AddressLine1"] = "1 Atkinson Road", ["Input.Town"] = "Newcastle upon Tyne", ["Input.Postcode"] = "NE4 8AB",
            ["Input.Opens[Wednesday]"] = "18:00", ["Input.Closes[Wednesday]"] = "20:00",
        };
        var created = await client.SubmitFormAsync(form, "/directory/manage/new", fields);
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        var found = await new PageClient(App).GetAsync("/directory?search=1&Text=ukulele&Postcode=NE4+8AB&Within=1&Day=Wednesday&Time=19:00");
        Assert.Equal("1 service found", found.Document.GetElementById("results")!.TextContent);
    }

    [Fact]
    public async Task A_service_only_for_women_with_dementia_is_found_only_by_them_and_says_so()
    {
        var (client, _, _, _) = await VcseWorkerAsync();
        var form = await client.GetAsync("/directory/manage/new");
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Memory café for women", ["Input.Needs"] = "loneliness", ["Input.Availability"] = "TakingReferrals",
            ["Input.Genders"] = "women", ["Input.Conditions"] = "dementia", ["Input.InPerson"] = "false", ["Input.ByPhone"] = "true", ["Input.Phone"] = "0191 498 0000",
        };
        var refused = await client.SubmitFormAsync(form, "/directory/manage/new", new Dictionary<string, string>(fields) { ["Input.Conditions"] = "gout" });
        Assert.Equal(["Choose conditions from the list"], refused.ErrorSummary);
        Assert.False(await App.WithDbAsync(db => db.CommunityServices.AnyAsync(s => s.Name == "Memory café for women")));

        var created = await client.SubmitFormAsync(form, "/directory/manage/new", fields);
        Assert.True(created.Status == HttpStatusCode.Redirect, string.Join("; ", created.ErrorSummary));
        async Task<string> Found(string filters) =>
            (await new PageClient(App).GetAsync($"/directory?search=1&Text=memory+caf%C3%A9+for+women&{filters}")).Document.GetElementById("results")!.TextContent;
        Assert.Equal("1 service found", await Found("Gender=women&Condition=dementia"));
        Assert.Equal("1 service found", await Found(""));
        Assert.Equal("No services found", await Found("Gender=men"));
        Assert.Equal("No services found", await Found("Condition=copd"));

        var id = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Name == "Memory café for women").Select(s => s.Id).SingleAsync());
        var page = await new PageClient(App).GetAsync($"/directory/services/{id}");
        Assert.Contains("Only for: Women", page.Text);
        Assert.Contains("Only for people living with: Dementia", page.Text);

        var edit = await client.GetAsync($"/directory/manage/services/{id}");
        Assert.Equal("women", edit.Document.QuerySelector("input[name='Input.Genders']:checked")!.GetAttribute("value"));
        edit.Document.QuerySelector("input[name='Input.Genders']:checked")!.RemoveAttribute("checked");
        var opened = await client.SubmitFormAsync(edit, $"/directory/manage/services/{id}", new Dictionary<string, string>());
        Assert.True(opened.Status == HttpStatusCode.Redirect, string.Join("; ", opened.ErrorSummary));
        Assert.Equal("1 service found", await Found("Gender=men&Condition=dementia"));
        Assert.Equal("Changed who can use it", await App.WithDbAsync(db => db.ServiceEdits.Where(e => e.ServiceId == id).OrderByDescending(e => e.At).Select(e => e.Summary).FirstAsync()));
    }
}

public sealed class DirectoryEditingOnSqliteTests(SqliteDirectoryFixture fixture) : DirectoryEditingTests(fixture), IClassFixture<SqliteDirectoryFixture>;

public sealed class DirectoryEditingOnPostgresTests(PostgresDirectoryFixture fixture) : DirectoryEditingTests(fixture), IClassFixture<PostgresDirectoryFixture>;
