using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.PeerSupport;

/// <summary>Health coaching, the person's own goals and diary, and peer support matching, on each provider.</summary>
public abstract class SelfManagementTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private async Task<(Guid PersonId, PageClient Person)> PersonAsync(Func<IQueryable<Upcare.People.Person>, IQueryable<Upcare.People.Person>>? which = null)
    {
        var personId = await App.WithDbAsync(db => (which ?? (q => q))(db.People.Where(p => !db.Users.Any(u => u.PersonId == p.Id))).OrderBy(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        return (personId, await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId)));
    }

    private async Task<PageClient> OnCaseloadAsync(UserRole role, Guid personId)
    {
        var email = await App.CreateUserAsync(role, role == UserRole.VcseWorker ? await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync()) : null, name: $"Test {role}");
        var userId = await App.UserIdAsync(email);
        await App.WithDbAsync(db =>
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = userId, PersonId = personId, StartedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        return await PageClient.SignedInAsync(App, email);
    }

    [Fact]
    public async Task A_coach_records_up_to_six_sessions_and_sees_only_what_the_person_shares()
    {
        var (personId, person) = await PersonAsync();
        var coach = await OnCaseloadAsync(UserRole.HealthCoach, personId);
        var url = $"/people/{personId}/coaching";
        var missing = await coach.SubmitAsync(url, new Dictionary<string, string> { ["Input.Notes"] = "" });
        Assert.Equal(["Enter what you talked about", "Enter the next steps you agreed"], missing.ErrorSummary);
        PageResult? form = null;
        var session = new Dictionary<string, string> { ["Input.Notes"] = "Session notes", ["Input.PersonGoals"] = "Walk more", ["Input.NextSteps"] = "Walk to the shop twice" };
        for (var i = 1; i <= 6; i++)
        {
            form = await coach.GetAsync(url);
            var saved = await coach.SubmitFormAsync(form, url, session);
            Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        }
        // A seventh, from a page opened before the sixth was saved, is refused.
        Assert.Equal(["This course of coaching has had all 6 sessions"], (await coach.SubmitFormAsync(form!, url, session)).ErrorSummary);
        Assert.DoesNotContain("Record session", (await coach.GetAsync(url)).Text);
        Assert.Equal(6, await App.WithDbAsync(db => db.CoachingSessions.CountAsync(s => s.PersonId == personId)));
        Assert.Contains("6 of 6", (await coach.GetAsync("/coaching")).Text);

        // The person's own goals and diary: bad readings refused; nothing shown to the coach until shared.
        var mine = await person.GetAsync("/me/self-management");
        await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["GoalText"] = "Walk to the park three times a week" }, handler: "Goal");
        var bad = await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["Kind"] = "BloodGlucose", ["Value"] = "6.45" }, handler: "Diary");
        Assert.Equal(["Blood glucose must be a number of mmol/L from 0.5 to 50, like 6.4"], bad.ErrorSummary);
        await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["Kind"] = "BloodGlucose", ["Value"] = "6.4" }, handler: "Diary");
        await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["Kind"] = "Walked", ["Value"] = "35", ["Text"] = "Round the park" }, handler: "Diary");
        mine = await person.GetAsync("/me/self-management");
        Assert.Contains("Blood glucose 6.4 mmol/L", mine.Text);
        Assert.Contains("Session 6", mine.Text);
        var hidden = await coach.GetAsync(url);
        Assert.DoesNotContain("Walk to the park three times a week", hidden.Text);
        Assert.DoesNotContain("6.4 mmol/L", hidden.Text);

        await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["ShareGoals"] = "true" }, handler: "Share");
        var goalsOnly = await coach.GetAsync(url);
        Assert.Contains("Walk to the park three times a week", goalsOnly.Text);
        Assert.DoesNotContain("6.4 mmol/L", goalsOnly.Text);
        mine = await person.GetAsync("/me/self-management");
        await person.SubmitFormAsync(mine, "/me/self-management", new Dictionary<string, string> { ["ShareDiary"] = "true", ["ShareGoals"] = null! }, handler: "Share");
        var diaryOnly = await coach.GetAsync(url);
        Assert.DoesNotContain("Walk to the park three times a week", diaryOnly.Text);
        Assert.Contains("Walked 35 minutes", diaryOnly.Text);

        // Only the coach records sessions; a clinician at the practice may read.
        var clinician = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        if (await App.WithDbAsync(db => db.People.AnyAsync(p => p.Id == personId && p.GpPracticeId == fixture.PracticeId)))
        {
            var page = await clinician.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }
        var stranger = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.HealthCoach));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(url)).Status);
    }

    [Fact]
    public async Task Peer_matching_shows_only_people_who_opted_in_for_the_same_and_opting_out_removes_it_at_once()
    {
        // Three people in one postcode district with different first names: A and B opt in, C never does.
        var district = await App.WithDbAsync(async db => (await db.People.Where(p => p.Postcode != null).Select(p => p.Postcode!).ToListAsync())
            .GroupBy(p => p.Split(' ')[0]).OrderByDescending(g => g.Count()).First().Key);
        var names = new HashSet<string>();
        var chosen = new List<Guid>();
        foreach (var p in await App.WithDbAsync(db => db.People.Where(p => p.Postcode != null && p.Postcode.StartsWith(district + " ") && !db.Users.Any(u => u.PersonId == p.Id) && !db.PeerOptIns.Any(o => o.PersonId == p.Id))
                     .OrderBy(p => p.NhsNumber).Select(p => new { p.Id, p.GivenName }).ToListAsync()))
        {
            if (chosen.Count < 3 && names.Add(p.GivenName))
            {
                chosen.Add(p.Id);
            }
        }
        var clients = new List<PageClient>();
        foreach (var id in chosen)
        {
            clients.Add(await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: id)));
        }
        var (a, b, c) = (clients[0], clients[1], clients[2]);
        var given = await App.WithDbAsync(db => db.People.Where(p => chosen.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.GivenName));
        var (aName, bName, cName) = (given[chosen[0]], given[chosen[1]], given[chosen[2]]);

        // An organiser's group for type 2 diabetes.
        var organiser = await PageClient.SignedInAsync(App, fixture.Users[UserRole.VcseWorker]);
        var started = await organiser.SubmitAsync("/peer-support", new Dictionary<string, string>
        {
            ["Input.Name"] = "Test diabetes group", ["Input.Topic"] = "type-2-diabetes", ["Input.Meets"] = "Tuesdays 2pm", ["Input.Place"] = "Test hall", ["Input.Capacity"] = "10", ["Input.Facilitator"] = "Sam",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        var groupId = await App.WithDbAsync(db => db.PeerGroups.Where(g => g.Name == "Test diabetes group").Select(g => g.Id).SingleAsync());

        // Before opting in, nobody is suggested anything.
        Assert.DoesNotContain("Test diabetes group", (await c.GetAsync("/me/peer-support")).Text);
        foreach (var client in new[] { a, b })
        {
            var page = await client.GetAsync("/me/peer-support");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(page, "/me/peer-support", new Dictionary<string, string> { ["Chosen"] = "type-2-diabetes" }, handler: "Match")).Status);
        }
        var aPage = await a.GetAsync("/me/peer-support");
        Assert.Contains("Test diabetes group", aPage.Text);
        Assert.Contains($"{bName}, {district}: Type 2 diabetes", aPage.Text);
        Assert.DoesNotContain($"{cName}, {district}", aPage.Text);
        Assert.DoesNotContain($"{cName}, {district}", (await b.GetAsync("/me/peer-support")).Text);
        var cPage = await c.GetAsync("/me/peer-support");
        Assert.DoesNotContain(aName + ",", cPage.Text);
        Assert.DoesNotContain(bName + ",", cPage.Text);

        // A and B join; the organiser sees them, and records attendance; C cannot join without opting in.
        foreach (var client in new[] { a, b })
        {
            var page = await client.GetAsync("/me/peer-support");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(page, "/me/peer-support", new Dictionary<string, string>(), handler: $"Join&groupId={groupId}")).Status);
        }
        var refused = await c.SubmitFormAsync(cPage, "/me/peer-support", new Dictionary<string, string>(), handler: "Match");
        var members = await organiser.GetAsync($"/peer-support/{groupId}");
        Assert.Contains(aName, members.Text);
        Assert.Contains(bName, members.Text);
        Assert.DoesNotContain(cName + " ", members.Text);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var recorded = await organiser.SubmitFormAsync(members, $"/peer-support/{groupId}", new Dictionary<string, string> { ["Present"] = chosen[0].ToString() });
        Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
        Assert.Equal(1, await App.WithDbAsync(db => db.PeerAttendances.CountAsync(x => x.GroupId == groupId && x.PersonId == chosen[0] && x.On == today)));
        _ = refused;

        // A opts out: gone from B's suggestions at once, and nothing about A's choice is kept.
        aPage = await a.GetAsync("/me/peer-support");
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitFormAsync(aPage, "/me/peer-support", new Dictionary<string, string>(), handler: "Stop")).Status);
        Assert.False(await App.WithDbAsync(db => db.PeerOptIns.AnyAsync(o => o.PersonId == chosen[0])));
        Assert.DoesNotContain($"{aName}, {district}", (await b.GetAsync("/me/peer-support")).Text);

        // A leaves the group at any time.
        aPage = await a.GetAsync("/me/peer-support");
        Assert.Equal(HttpStatusCode.Redirect, (await a.SubmitFormAsync(aPage, "/me/peer-support", new Dictionary<string, string>(), handler: $"Leave&groupId={groupId}")).Status);
        Assert.DoesNotContain(aName, (await organiser.GetAsync($"/peer-support/{groupId}")).Text);

        // Another organiser cannot open the group.
        var otherCoach = await PageClient.SignedInAsync(App, fixture.Users[UserRole.HealthCoach]);
        Assert.Equal(HttpStatusCode.NotFound, (await otherCoach.GetAsync($"/peer-support/{groupId}")).Status);
    }
}

public sealed class SelfManagementOnSqliteTests(SqliteAccessFixture fixture) : SelfManagementTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class SelfManagementOnPostgresTests(PostgresAccessFixture fixture) : SelfManagementTests(fixture), IClassFixture<PostgresAccessFixture>;
