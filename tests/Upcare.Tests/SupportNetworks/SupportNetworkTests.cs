using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.People;
using Upcare.SupportNetworks;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.SupportNetworks;

/// <summary>A person's support network: who sees it (only as the person chooses), building it, suggestions, snapshots, and its place in the care plan.</summary>
public abstract class SupportNetworkTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A person with an account, and a link worker with them on their caseload.</summary>
    private async Task<(Guid PersonId, PageClient Person, PageClient LinkWorker, string LinkWorkerName)> PersonAndLinkWorkerAsync()
    {
        var personId = await App.WithDbAsync(db => db.People
            .Where(p => p.GpPracticeId == fixture.PracticeId && p.Id != fixture.OwnRecord && p.Id != fixture.Person && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderBy(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        var person = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        var name = $"Link Worker {Guid.NewGuid():N}"[..24];
        var email = await App.CreateUserAsync(UserRole.LinkWorker, name: name);
        await App.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = userId, PersonId = personId, StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        return (personId, person, await PageClient.SignedInAsync(App, email), name);
    }

    private static Dictionary<string, string> Entry(string name, string kind = "Person", string ring = "Closest", string? gives = "Emotional") => new()
    {
        ["Input.Kind"] = kind, ["Input.Name"] = name, ["Input.Ring"] = ring, ["Input.Gives"] = gives ?? "",
    };

    /// <summary>Posts straight to a handler the page offers no form for, with the page's antiforgery token, as a hand-made request would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(PageClient client, PageResult page, string url, Dictionary<string, string> fields)
    {
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.Http.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    private static string[][] Table(PageResult page) =>
        page.Document.QuerySelectorAll("main table tbody tr").Select(r => r.Children.Take(3).Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent.Trim(), @"\s+", " ")).ToArray()).ToArray();

    private Task<List<SupportNetworkEntry>> EntriesAsync(Guid personId) =>
        App.WithDbAsync(db => db.SupportNetworkEntries.AsNoTracking().Where(e => e.PersonId == personId).ToListAsync());

    [Fact]
    public async Task Only_those_the_person_shares_it_with_see_it_and_a_withdrawn_share_can_only_be_given_again_by_the_person()
    {
        var (personId, person, linkWorker, linkWorkerName) = await PersonAndLinkWorkerAsync();
        var map = $"/people/{personId}/support-network";
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(await person.GetAsync("/me/support-network"), "/me/support-network", Entry("Sarah Okafor"), handler: "Add")).Status);

        // The link worker has the person on their caseload, but the map is not shared with them: refused, audited, nothing of it shown.
        var refused = await linkWorker.GetAsync(map);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("Sarah Okafor", refused.Text);
        Assert.Contains("has not shared their support network with you", refused.Text);
        Assert.Contains(await fixture.AuditAsync(q => q.Where(e => e.PersonId == personId && e.Action == "support-network-read")), e => e.Outcome == AuditOutcome.Refused && e.UserName == linkWorkerName);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(linkWorker, refused, map + "?handler=Add", Entry("Made up"))).StatusCode);
        Assert.DoesNotContain(await EntriesAsync(personId), e => e.Name == "Made up");
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync($"{map}/snapshots/{Guid.NewGuid()}")).Status);

        // The person shares it with the link worker, who now sees and adds to it.
        var sharing = await person.GetAsync("/me/support-network/sharing");
        Assert.Contains(linkWorkerName, sharing.Text);
        var linkWorkerId = await App.WithDbAsync(db => db.Users.Where(u => u.DisplayName == linkWorkerName).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(sharing, "/me/support-network/sharing", new Dictionary<string, string> { ["UserIds"] = linkWorkerId.ToString() })).Status);
        var shown = await linkWorker.GetAsync(map);
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Equal(["Sarah Okafor (person)", "Closest", "emotional support"], Table(shown)[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await linkWorker.SubmitFormAsync(shown, map, Entry("The library", "Place", "Outer", "Information"), handler: "Add")).Status);

        // The clinician at the practice sees the record, not the map; they record the person's agreement in conversation.
        var clinician = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        var asked = await clinician.GetAsync(map);
        Assert.Equal(HttpStatusCode.Forbidden, asked.Status);
        Assert.DoesNotContain("Sarah Okafor", asked.Text);
        var unticked = await clinician.SubmitFormAsync(asked, map, new Dictionary<string, string>(), handler: "Agree");
        Assert.Equal(["Confirm that they agreed to share their support network with you"], unticked.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.SubmitFormAsync(asked, map, new Dictionary<string, string> { ["Agreed"] = "true" }, handler: "Agree")).Status);
        Assert.Contains("Sarah Okafor", (await clinician.GetAsync(map)).Text);

        // The person sees who can see it and how, and stops sharing with the clinician: refused again, and the clinician cannot record agreement again.
        sharing = await person.GetAsync("/me/support-network/sharing");
        Assert.Contains("They recorded that you agreed", sharing.Document.GetElementById("shared-with")!.TextContent);
        var clinicianShare = await App.WithDbAsync(db => db.SupportNetworkShares.Where(s => s.PersonId == personId && s.AgreementRecordedByPractitioner).Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(sharing, "/me/support-network/sharing", new Dictionary<string, string> { ["shareId"] = clinicianShare.ToString() }, handler: "Withdraw")).Status);
        var after = await clinician.GetAsync(map);
        Assert.Equal(HttpStatusCode.Forbidden, after.Status);
        Assert.Contains("Only", after.Text);
        Assert.DoesNotContain("Sarah Okafor", after.Text);
        var sharesBefore = await App.WithDbAsync(db => db.SupportNetworkShares.CountAsync(s => s.PersonId == personId));
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.SubmitFormAsync(asked, map, new Dictionary<string, string> { ["Agreed"] = "true" }, handler: "Agree")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(clinician, asked, map + "?handler=Add", Entry("Sneaky"))).StatusCode);
        Assert.Equal(sharesBefore, await App.WithDbAsync(db => db.SupportNetworkShares.CountAsync(s => s.PersonId == personId)));
        Assert.DoesNotContain(await EntriesAsync(personId), e => e.Name == "Sneaky");

        // A stranger is sent to sign in; a commissioner and a link worker without the person on their caseload are refused.
        Assert.Equal(HttpStatusCode.Redirect, (await new PageClient(App).GetAsync(map)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await new PageClient(App).GetAsync("/me/support-network")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner])).GetAsync(map)).Status);
        var otherLinkWorker = await PageClient.SignedInAsync(App, fixture.Users[UserRole.LinkWorker]);
        var other = await otherLinkWorker.GetAsync(map);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.DoesNotContain("Sarah Okafor", other.Text);
        // Another person (a user of the wrong role for staff pages) cannot open this one's map either way.
        var someoneElse = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Person]);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync(map)).Status);
        Assert.DoesNotContain("Sarah Okafor", (await someoneElse.GetAsync("/me/support-network")).Text);
    }
    [Fact]
    public async Task Suggestions_are_answered_once_even_at_once_and_snapshots_show_what_changed_between_them()
    {
        var (personId, person, linkWorker, _) = await PersonAndLinkWorkerAsync();
        await App.WithDbAsync(db =>
        {
            db.Set<PersonContact>().Add(new PersonContact { Id = Guid.NewGuid(), PersonId = personId, Name = "Pat Jones", Relationship = "Neighbour", IsCarer = true });
            db.Set<PersonContact>().Add(new PersonContact { Id = Guid.NewGuid(), PersonId = personId, Name = "Lee Jones", Relationship = "Son", IsCarer = true });
            db.Set<PersonContact>().Add(new PersonContact { Id = Guid.NewGuid(), PersonId = personId, Name = "Not A Carer", Relationship = "Dentist", IsCarer = false });
            return db.SaveChangesAsync();
        });
        const string me = "/me/support-network";
        var page = await person.GetAsync(me);
        var suggested = page.Document.GetElementById("suggestions")!.TextContent;
        Assert.Contains("Pat Jones", suggested);
        Assert.Contains("Lee Jones", suggested);
        Assert.DoesNotContain("Not A Carer", suggested);

        // "Keep" pressed ten times at once (two tabs, a double click): one entry.
        var pat = page.Document.QuerySelectorAll("#suggestions li").First(li => li.TextContent.Contains("Pat Jones")).QuerySelector("input[name=key]")!.GetAttribute("value")!;
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["key"] = pat }, handler: "Keep")));
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Redirect);
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Redirect or HttpStatusCode.Conflict, a.Status.ToString()));
        Assert.Single(await EntriesAsync(personId), e => e.Name == "Pat Jones");
        page = await person.GetAsync(me);
        var lee = page.Document.QuerySelectorAll("#suggestions li").Single().QuerySelector("input[name=key]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["key"] = lee }, handler: "TurnDown")).Status);
        page = await person.GetAsync(me);
        Assert.Null(page.Document.GetElementById("suggestions"));
        Assert.Equal([["Pat Jones (person) Neighbour", "Closest", "practical help, emotional support"]], Table(page));

        // Bad input: a clear error, nothing stored.
        var before = (await EntriesAsync(personId)).Count;
        var empty = await person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["Input.Name"] = " " }, handler: "Add");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Equal(["Select whether this is a person, a group or a place", "Enter who or what it is, for example 'Sarah, my daughter' or 'the library'", "Select how close they are to you"], empty.ErrorSummary);
        var tooLong = await person.SubmitFormAsync(page, me, Entry(new string('x', 101)), handler: "Add");
        Assert.Equal(["Who or what it is must be 100 characters or fewer"], tooLong.ErrorSummary);
        var noLabel = await person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["Label"] = "" }, handler: "Snapshot");
        Assert.Equal(["Enter what this moment is, for example 'first conversation'"], noLabel.ErrorSummary);
        Assert.Equal(before, (await EntriesAsync(personId)).Count);

        // The first conversation: two more, and a snapshot.
        await person.SubmitFormAsync(page, me, Entry("Walking group", "Group", "Outer", "Company"), handler: "Add");
        await person.SubmitFormAsync(page, me, Entry("Cafe on the corner", "Place", "Middle", null), handler: "Add");
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["Label"] = "First conversation" }, handler: "Snapshot")).Status);

        // Later: the walking group moves closer (the link worker, once shared), the cafe comes off, a new friend joins; then a second snapshot.
        var linkWorkerId = await App.WithDbAsync(db => db.CaseloadAssignments.Where(a => a.PersonId == personId).Select(a => a.UserId).SingleAsync());
        var sharing = await person.GetAsync("/me/support-network/sharing");
        await person.SubmitFormAsync(sharing, "/me/support-network/sharing", new Dictionary<string, string> { ["UserIds"] = linkWorkerId.ToString() });
        var entries = await EntriesAsync(personId);
        var walking = entries.Single(e => e.Name == "Walking group");
        var cafe = entries.Single(e => e.Name == "Cafe on the corner");
        var edit = $"/people/{personId}/support-network/entries/{walking.Id}";
        var editPage = await linkWorker.GetAsync(edit);
        Assert.Equal(HttpStatusCode.Redirect, (await linkWorker.SubmitFormAsync(editPage, edit, new Dictionary<string, string> { ["Ring"] = "Middle", ["Gives"] = "Company" })).Status);
        // The same form, sent again from the page loaded before that change: a conflict, and the first change stands.
        var stale = await linkWorker.SubmitFormAsync(editPage, edit, new Dictionary<string, string> { ["Ring"] = "Outer", ["Gives"] = "Information" });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(["Walking group was changed by someone else while you were looking. It is shown below as it is now"], stale.ErrorSummary);
        Assert.Equal(SupportRing.Middle, (await EntriesAsync(personId)).Single(e => e.Id == walking.Id).Ring);
        var cafePage = await person.GetAsync($"{me}/entries/{cafe.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(cafePage, $"{me}/entries/{cafe.Id}", new Dictionary<string, string>(), handler: "Remove")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync($"{me}/entries/{cafe.Id}")).Status);
        var again = await person.SubmitFormAsync(cafePage, $"{me}/entries/{cafe.Id}", new Dictionary<string, string>(), handler: "Remove");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.StartsWith("Cafe on the corner was taken off the map by", again.ErrorSummary.Single());
        await person.SubmitFormAsync(page, me, Entry("Jo from the group", "Person", "Middle", "Company"), handler: "Add");
        page = await person.GetAsync(me);
        Assert.Equal(HttpStatusCode.Redirect, (await person.SubmitFormAsync(page, me, new Dictionary<string, string> { ["Label"] = "At discharge" }, handler: "Snapshot")).Status);

        var snapshots = await App.WithDbAsync(db => db.SupportNetworkSnapshots.Where(s => s.PersonId == personId).OrderBy(s => s.TakenAt).Select(s => s.Id).ToListAsync());
        var first = await person.GetAsync($"{me}/snapshots/{snapshots[0]}");
        Assert.Contains("This is the first snapshot.", first.Text);
        Assert.Contains("Cafe on the corner", first.Text);
        var second = await linkWorker.GetAsync($"/people/{personId}/support-network/snapshots/{snapshots[1]}");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        string[][] changes = second.Document.GetElementById("changes")!.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal([["Walking group", "Moved closer: from further out to in the middle"], ["Jo from the group", "Added: in the middle"], ["Cafe on the corner", "Taken off the map"]], changes);
        // The picture says what it shows, and the map of then still has the cafe while the map of now does not.
        Assert.Equal("Closest: 1. In the middle: 2. Further out: 0. The table lists each one.", second.Document.GetElementById("snapshot-desc")!.TextContent);
        Assert.DoesNotContain("Cafe on the corner", Table(await person.GetAsync(me)).Select(r => r[0]));
        Assert.Equal(HttpStatusCode.NotFound, (await person.GetAsync($"{me}/snapshots/{Guid.NewGuid()}")).Status);

        // Every change is in the trail with the person it is about.
        var trail = await fixture.AuditAsync(q => q.Where(e => e.PersonId == personId && e.Action.StartsWith("support-network-")));
        Assert.Equal(1, trail.Count(e => e.Action == "support-network-suggestion-kept"));
        Assert.Equal(1, trail.Count(e => e.Action == "support-network-suggestion-turned-down"));
        Assert.Equal(2, trail.Count(e => e.Action == "support-network-snapshot"));
        Assert.Equal(1, trail.Count(e => e.Action == "support-network-entry-removed"));
    }

    [Fact]
    public async Task The_care_plan_and_its_print_view_show_the_map_to_those_it_is_shared_with_only()
    {
        var (personId, person, linkWorker, _) = await PersonAndLinkWorkerAsync();
        var clinician = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        var edit = await clinician.SubmitAsync($"/people/{personId}/care-plan/edit", new Dictionary<string, string>
        {
            ["Input.AboutMe"] = "I like gardening", ["Input.SupportNetwork"] = "My son nearby",
            ["Input.ReviewOn.Day"] = "1", ["Input.ReviewOn.Month"] = "3", ["Input.ReviewOn.Year"] = (DateTime.UtcNow.Year + 1).ToString(),
        });
        Assert.True(edit.Status == HttpStatusCode.Redirect, string.Join("; ", edit.ErrorSummary));
        await person.SubmitFormAsync(await person.GetAsync("/me/support-network"), "/me/support-network", Entry("Allotment society", "Group", "Middle", "Company"), handler: "Add");

        foreach (var url in new[] { "/me/care-plan", "/me/care-plan/print" })
        {
            var mine = await person.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, mine.Status);
            Assert.Contains("Allotment society", mine.Document.GetElementById("plan-support-network")!.TextContent);
        }
        foreach (var url in new[] { $"/people/{personId}/care-plan", $"/people/{personId}/care-plan/print" })
        {
            var theirs = await clinician.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, theirs.Status);
            Assert.Contains("My son nearby", theirs.Text);
            Assert.Null(theirs.Document.GetElementById("plan-support-network"));
            Assert.DoesNotContain("Allotment society", theirs.Text);
        }
        var linkWorkerId = await App.WithDbAsync(db => db.CaseloadAssignments.Where(a => a.PersonId == personId).Select(a => a.UserId).SingleAsync());
        await person.SubmitFormAsync(await person.GetAsync("/me/support-network/sharing"), "/me/support-network/sharing", new Dictionary<string, string> { ["UserIds"] = linkWorkerId.ToString() });
        Assert.Contains("Allotment society", (await linkWorker.GetAsync($"/people/{personId}/care-plan/print")).Document.GetElementById("plan-support-network")!.TextContent);
    }
    [Fact]
    public async Task The_JSON_API_keeps_the_same_sharing_rule_and_answers_bad_input_with_problem_details()
    {
        var (personId, person, linkWorker, linkWorkerName) = await PersonAndLinkWorkerAsync();
        var api = $"/api/people/{personId}/support-network";
        var linkWorkerId = await App.WithDbAsync(db => db.Users.Where(u => u.DisplayName == linkWorkerName).Select(u => u.Id).SingleAsync());

        // Not shared yet: refused as problem details, audited.
        using (var refused = await linkWorker.Http.GetAsync(api))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.Http.PostAsJsonAsync($"{api}/entries", new { kind = "Person", name = "Api Sneak", ring = "Closest" })).StatusCode);
        Assert.DoesNotContain(await EntriesAsync(personId), e => e.Name == "Api Sneak");

        await person.SubmitFormAsync(await person.GetAsync("/me/support-network/sharing"), "/me/support-network/sharing", new Dictionary<string, string> { ["UserIds"] = linkWorkerId.ToString() });
        using (var bad = await linkWorker.Http.PostAsJsonAsync($"{api}/entries", new { kind = "Person", name = "" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            var errors = (await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
            Assert.Equal("Enter who or what it is, for example 'Sarah, my daughter' or 'the library'", errors.GetProperty("Name")[0].GetString());
            Assert.Equal("Select how close they are to you", errors.GetProperty("Ring")[0].GetString());
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await linkWorker.Http.PostAsJsonAsync($"{api}/entries", new { kind = "Cousin", name = "X", ring = "Closest" })).StatusCode);
        Assert.Empty(await EntriesAsync(personId));

        Assert.Equal(HttpStatusCode.Created, (await linkWorker.Http.PostAsJsonAsync($"{api}/entries", new { kind = "Group", name = "Men's shed", ring = "Middle", gives = new[] { "Company", "Practical" } })).StatusCode);
        var network = await linkWorker.Http.GetFromJsonAsync<System.Text.Json.JsonElement>(api);
        var entry = network.GetProperty("entries")[0];
        Assert.Equal(("Men's shed", "Group", "Middle", "Practical,Company"), (entry.GetProperty("name").GetString(), entry.GetProperty("kind").GetString(), entry.GetProperty("ring").GetString(),
            string.Join(",", entry.GetProperty("gives").EnumerateArray().Select(g => g.GetString()))));
        var entryId = entry.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await linkWorker.Http.DeleteAsync($"{api}/entries/{entryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await linkWorker.Http.DeleteAsync($"{api}/entries/{entryId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await linkWorker.Http.DeleteAsync($"{api}/entries/{Guid.NewGuid()}")).StatusCode);

        // A stranger and a user of the wrong role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await new PageClient(App).Http.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner])).Http.GetAsync(api)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.Http.GetAsync(api)).StatusCode);
    }
}

public sealed class SupportNetworkOnSqliteTests(SqliteAccessFixture fixture) : SupportNetworkTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class SupportNetworkOnPostgresTests(PostgresAccessFixture fixture) : SupportNetworkTests(fixture), IClassFixture<PostgresAccessFixture>;
