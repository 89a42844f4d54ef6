using System.Net;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.CarePlans;

/// <summary>Care and support plans through the pages: clinicians and the person, versions, reviews, merges, FHIR; on each provider.</summary>
public abstract class CarePlanTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A person at the clinician's practice with no plan yet, signed in as themselves, and a clinician of the practice.</summary>
    private async Task<(Guid PersonId, PageClient Person, PageClient Clinician, string ClinicianName)> CastAsync(string clinicianName = "Dr Ada Plan")
    {
        var personId = await App.WithDbAsync(db => db.People
            .Where(p => p.GpPracticeId == fixture.PracticeId && p.Id != fixture.OwnRecord && !db.CarePlans.Any(c => c.PersonId == p.Id) && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderBy(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        var person = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        var clinician = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: clinicianName));
        return (personId, person, clinician, clinicianName);
    }

    private static readonly int NextYear = DateTime.UtcNow.Year + 1;

    private static Dictionary<string, string> NewPlan(string aboutMe = "I like gardening") => new()
    {
        ["Input.AboutMe"] = aboutMe,
        ["Input.Goals[0].InMyWords"] = "Walk to the shops without stopping",
        ["Input.Goals[0].HowIWillKnow"] = "I get my own paper on Saturday",
        ["Input.Actions[0].What"] = "Join the walking group",
        ["Input.Actions[0].Who"] = "Me",
        ["Input.ReviewOn.Day"] = "1", ["Input.ReviewOn.Month"] = "3", ["Input.ReviewOn.Year"] = NextYear.ToString(),
    };

    private async Task<CarePlan?> PlanAsync(Guid personId) =>
        await App.WithDbAsync(db => db.CarePlans.AsNoTracking().Include(p => p.Goals).Include(p => p.Actions).SingleOrDefaultAsync(p => p.PersonId == personId));

    private static async Task StartAsync(PageClient clinician, Guid personId, Dictionary<string, string>? fields = null)
    {
        var saved = await clinician.SubmitAsync($"/people/{personId}/care-plan/edit", fields ?? NewPlan());
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
    }

    [Fact]
    public async Task A_clinician_and_the_person_build_and_agree_a_plan_and_each_version_says_who_changed_what()
    {
        var (personId, person, clinician, clinicianName) = await CastAsync();
        Assert.Contains("Start a care and support plan", (await clinician.GetAsync($"/people/{personId}/care-plan")).Text);

        // Bad input: a goal with no words and no review date; nothing is stored.
        var refused = await clinician.SubmitAsync($"/people/{personId}/care-plan/edit", new Dictionary<string, string> { ["Input.Goals[0].HowIWillKnow"] = "I'll feel better" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(["Enter the goal, in the person's words", "Enter a review date"], refused.ErrorSummary);
        Assert.Equal(["#Input_Goals_0__InMyWords", "#Input_ReviewOn"], refused.ErrorLinks);
        Assert.Null(await PlanAsync(personId));

        // The person's words are kept as written, line breaks and all, and shown as text, never as HTML.
        await StartAsync(clinician, personId, NewPlan("I like <b>gardening</b>\nand my dog <script>alert(1)</script>"));
        var plan = await PlanAsync(personId);
        Assert.Equal("I like <b>gardening</b>\nand my dog <script>alert(1)</script>", plan!.AboutMe);
        Assert.Equal(1, plan.Version);
        var shown = await clinician.GetAsync($"/people/{personId}/care-plan");
        var aboutMe = shown.Document.QuerySelectorAll(".upcare-own-words").First(e => e.TextContent.Contains("gardening"));
        Assert.Equal("I like <b>gardening</b>\nand my dog <script>alert(1)</script>", aboutMe.TextContent);
        Assert.Empty(aboutMe.Children);

        // The person marks the goal met, adds a note on it, suggests a change and agrees the plan from their own pages.
        var mine = await person.GetAsync("/me/care-plan");
        var goalId = plan.Goals.Single().Id;
        var progress = await person.SubmitFormAsync(mine, "/me/care-plan", new Dictionary<string, string> { ["progress"] = "Met" }, handler: $"Progress&goalId={goalId}");
        Assert.Equal(HttpStatusCode.Redirect, progress.Status);
        mine = await person.GetAsync("/me/care-plan");
        var empty = await person.SubmitFormAsync(mine, "/me/care-plan", new Dictionary<string, string> { ["Text"] = " " }, handler: $"Note&goalId={goalId}");
        Assert.Equal(["Enter your note"], empty.ErrorSummary);
        Assert.Equal("Enter your note", empty.FieldError($"note-{goalId}"));
        await person.SubmitFormAsync(mine, "/me/care-plan", new Dictionary<string, string> { ["Text"] = "Made it there and back on Saturday" }, handler: $"Note&goalId={goalId}");
        await person.SubmitFormAsync(mine, "/me/care-plan", new Dictionary<string, string> { ["Text"] = "Please add my daughter to who to call" }, handler: "Suggest");
        mine = await person.GetAsync("/me/care-plan");
        var agreed = await person.SubmitFormAsync(mine, "/me/care-plan", new Dictionary<string, string>(), handler: "Agree");
        Assert.Equal(HttpStatusCode.Redirect, agreed.Status);

        plan = await PlanAsync(personId);
        Assert.Equal(GoalProgress.Met, plan!.Goals.Single().Progress);
        Assert.Equal((CarePlanStatus.Agreed, 2), (plan.Status, plan.AgreedVersion!.Value));
        Assert.EndsWith("(the person)", plan.AgreedBy);

        // The clinician sees the note and the suggestion, and every version with who changed what.
        var view = await clinician.GetAsync($"/people/{personId}/care-plan");
        Assert.Contains("Made it there and back on Saturday", view.Text);
        Assert.Contains("Please add my daughter to who to call", view.Text);
        var history = await clinician.GetAsync($"/people/{personId}/care-plan/history");
        var versions = history.Document.QuerySelectorAll("main h2").Select(h => h.TextContent).Where(t => t.StartsWith("Version")).ToList();
        Assert.Equal(["Version 2", "Version 1"], versions);
        var tables = history.Document.QuerySelectorAll("main table").ToList();
        Assert.Contains("(the person)", history.Text);
        Assert.Contains("Goal changed", tables[0].TextContent);
        Assert.Contains("[not started]", tables[0].TextContent);
        Assert.Contains("[met]", tables[0].TextContent);
        Assert.Contains($"Saved by {clinicianName}", history.Text);
        Assert.Contains("About me and what matters to me", tables[1].TextContent);
        Assert.Contains("Goal added", tables[1].TextContent);
        var stored = await App.WithDbAsync(db => db.CarePlanVersions.AsNoTracking().Where(v => v.PlanId == plan.Id).OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([clinicianName, stored[1].SavedByName], stored.Select(v => v.SavedByName));
        Assert.EndsWith("(the person)", stored[1].SavedByName);
        Assert.NotNull(stored[1].AgreedAt);

        // Every change is in the audit trail against the person.
        var actions = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.PersonId == personId).Select(e => e.Action).ToListAsync());
        Assert.Contains("care-plan-started", actions);
        Assert.Contains("care-plan-goal-progress", actions);
        Assert.Contains("care-plan-note", actions);
        Assert.Contains("care-plan-suggestion", actions);
        Assert.Contains("care-plan-agreed", actions);
    }

    [Fact]
    public async Task Another_goal_or_action_row_comes_back_with_what_was_typed_and_nothing_is_saved()
    {
        var (personId, _, clinician, _) = await CastAsync("Dr Rows");
        var url = $"/people/{personId}/care-plan/edit";
        var page = await clinician.GetAsync(url);
        Assert.Single(page.Document.QuerySelectorAll("textarea[name$='.InMyWords']"));
        var more = await clinician.SubmitFormAsync(page, url + "?handler=AddRow&row=goal", new Dictionary<string, string> { ["Input.Goals[0].InMyWords"] = "Swim again" });
        Assert.Equal(["Swim again", ""], more.Document.QuerySelectorAll("textarea[name$='.InMyWords']").Select(t => t.TextContent.Trim()));
        more = await clinician.SubmitFormAsync(more, url + "?handler=AddRow&row=action", new Dictionary<string, string>());
        Assert.Equal(2, more.Document.QuerySelectorAll("textarea[name$='.What']").Length);
        Assert.Null(await PlanAsync(personId));
    }

    [Fact]
    public async Task Two_clinicians_saving_the_same_plan_at_once_never_lose_each_others_work()
    {
        var (personId, _, first, _) = await CastAsync("Dr First");
        await StartAsync(first, personId);
        var second = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: "Dr Second"));
        var url = $"/people/{personId}/care-plan/edit";
        var (firstForm, secondForm) = (await first.GetAsync(url), await second.GetAsync(url));

        // Both save at the same moment, each from version 1: one is stored, the other is shown what changed.
        var results = await Task.WhenAll(
            first.SubmitFormAsync(firstForm, url, new Dictionary<string, string> { ["Input.WhoToCall"] = "Surgery 0191 000 0000", ["Input.Goals[1].InMyWords"] = "Sleep through the night" }),
            second.SubmitFormAsync(secondForm, url, new Dictionary<string, string> { ["Input.SupportNetwork"] = "My neighbour Pat", ["Input.Goals[1].InMyWords"] = "Go to the lunch club" }));
        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        var conflict = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(["Someone else saved this plan while you were editing it. Check the changes below, then save again."], conflict.ErrorSummary);
        Assert.Equal(2, (await PlanAsync(personId))!.Version);

        // The form that came back holds both editors' work; saving it keeps everything.
        var loser = ReferenceEquals(conflict, results[0]) ? first : second;
        Assert.Contains("What they changed", conflict.Text);
        var resaved = await loser.SubmitFormAsync(conflict, url, new Dictionary<string, string>());
        Assert.True(resaved.Status == HttpStatusCode.Redirect, string.Join("; ", resaved.ErrorSummary));
        var plan = await PlanAsync(personId);
        Assert.Equal(3, plan!.Version);
        Assert.Equal("Surgery 0191 000 0000", plan.WhoToCall);
        Assert.Equal("My neighbour Pat", plan.SupportNetwork);
        Assert.Equal(["Go to the lunch club", "Sleep through the night", "Walk to the shops without stopping"], plan.Goals.Select(g => g.InMyWords).Order());
        var savedBy = await App.WithDbAsync(db => db.CarePlanVersions.Where(v => v.PlanId == plan.Id).OrderBy(v => v.Number).Select(v => v.SavedByName).ToListAsync());
        Assert.Equal(3, savedBy.Count);
        Assert.Equal(["Dr First", "Dr Second"], savedBy.Skip(1).Order());
    }

    [Fact]
    public async Task When_both_change_the_same_part_the_second_sees_both_versions_and_keeps_theirs_only_by_saving_again()
    {
        var (personId, _, first, _) = await CastAsync("Dr Third");
        await StartAsync(first, personId);
        var second = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: "Dr Fourth"));
        var url = $"/people/{personId}/care-plan/edit";
        var secondForm = await second.GetAsync(url);
        await first.SubmitAsync(url, new Dictionary<string, string> { ["Input.AboutMe"] = "I love my allotment" });

        var conflict = await second.SubmitFormAsync(secondForm, url, new Dictionary<string, string> { ["Input.AboutMe"] = "Church on Sundays matters most" });
        Assert.Equal(HttpStatusCode.OK, conflict.Status);
        var both = conflict.Document.QuerySelectorAll("table").Single(t => t.TextContent.Contains("Parts you both changed"));
        Assert.Contains("I love my allotment", both.TextContent);
        Assert.Contains("Church on Sundays matters most", both.TextContent);
        Assert.Equal("I love my allotment", (await PlanAsync(personId))!.AboutMe);
        Assert.Equal("Church on Sundays matters most", conflict.Document.QuerySelector("#Input_AboutMe")!.TextContent);

        await second.SubmitFormAsync(conflict, url, new Dictionary<string, string> { ["Input.AboutMe"] = "I love my allotment. Church on Sundays matters most" });
        Assert.Equal("I love my allotment. Church on Sundays matters most", (await PlanAsync(personId))!.AboutMe);
    }

    [Fact]
    public async Task An_overdue_review_shows_on_the_practitioners_list_and_recording_a_review_shows_what_changed_and_sets_the_next_date()
    {
        var (personId, _, clinician, _) = await CastAsync("Dr Review");
        await StartAsync(clinician, personId);
        await App.WithDbAsync(db => db.CarePlans.Where(p => p.PersonId == personId).ExecuteUpdateAsync(u => u.SetProperty(p => p.ReviewOn, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2))));

        var list = await clinician.GetAsync("/care-plans");
        var row = list.Document.QuerySelectorAll("tr").Single(r => r.InnerHtml.Contains($"/people/{personId}/care-plan"));
        Assert.Contains("Overdue", row.TextContent);
        var elsewhere = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.OtherPracticeId));
        Assert.DoesNotContain($"/people/{personId}/care-plan", (await elsewhere.GetAsync("/care-plans")).Document.Body!.InnerHtml);
        Assert.Contains("Review overdue", (await clinician.GetAsync($"/people/{personId}/care-plan")).Text);

        var reviewUrl = $"/people/{personId}/care-plan/review";
        var refused = await clinician.SubmitAsync(reviewUrl, new Dictionary<string, string> { ["NextReviewOn.Day"] = "1", ["NextReviewOn.Month"] = "1", ["NextReviewOn.Year"] = "2020" });
        Assert.Equal(["Enter what you talked about in the review", "Next review date must be in the future"], refused.ErrorSummary);
        var reviewed = await clinician.SubmitAsync(reviewUrl, new Dictionary<string, string>
        {
            ["Notes"] = "Walking is going well; wants to try the lunch club", ["NextReviewOn.Day"] = "1", ["NextReviewOn.Month"] = "9", ["NextReviewOn.Year"] = NextYear.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.Status);
        var plan = await PlanAsync(personId);
        Assert.Equal(new DateOnly(NextYear, 9, 1), plan!.ReviewOn);
        Assert.Equal(plan.Version, plan.LastReviewedVersion);
        Assert.DoesNotContain($"/people/{personId}/care-plan", (await clinician.GetAsync("/care-plans")).Document.Body!.InnerHtml);

        // After the review, a change shows as "since the last review".
        await clinician.SubmitAsync($"/people/{personId}/care-plan/edit", new Dictionary<string, string> { ["Input.WhoToCall"] = "NHS 111 out of hours" });
        var since = await clinician.GetAsync($"/people/{personId}/care-plan");
        Assert.Contains("What changed since the last review", since.Text);
        Assert.Contains("NHS 111 out of hours", since.Document.QuerySelectorAll("table").First().TextContent);
    }

    [Fact]
    public async Task The_plan_reads_as_a_UK_Core_CarePlan_with_its_goals_as_FHIR_Goal()
    {
        var (personId, _, clinician, _) = await CastAsync("Dr Fhir");
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.Http.GetAsync($"/api/people/{personId}/care-plan/fhir")).StatusCode);
        await StartAsync(clinician, personId);

        var response = await clinician.Http.GetAsync($"/api/people/{personId}/care-plan/fhir");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        // The Firely parser in its default mode refuses anything that does not conform to the R4 model.
        var bundle = JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions().ForFhir())!;
        var carePlan = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.CarePlan>().Single();
        var goal = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Goal>().Single();
        Assert.Equal([CarePlanFhir.UkCoreCarePlan], carePlan.Meta!.Profile);
        Assert.Equal(Hl7.Fhir.Model.RequestStatus.Draft, carePlan.Status);
        Assert.Equal(Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan, carePlan.Intent);
        Assert.Equal("I like gardening", carePlan.Description);
        var nhsNumber = await App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.NhsNumber).SingleAsync());
        Assert.Equal(("https://fhir.nhs.uk/Id/nhs-number", nhsNumber), (carePlan.Subject!.Identifier!.System, carePlan.Subject.Identifier.Value));
        Assert.Equal(bundle.Entry.Single(e => e.Resource is Hl7.Fhir.Model.Goal).FullUrl, carePlan.Goal.Single().Reference);
        Assert.Equal("Join the walking group", carePlan.Activity.Single().Detail!.Description);
        Assert.Equal("Walk to the shops without stopping", goal.Description!.Text);
        Assert.Equal(Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Planned, goal.LifecycleStatus);
        Assert.Contains(goal.Note, n => n.Text!.Contains("I get my own paper on Saturday"));
    }

    [Fact]
    public async Task A_person_sees_only_their_own_plan_and_a_clinician_elsewhere_is_refused()
    {
        var (personId, _, clinician, _) = await CastAsync("Dr Own");
        await StartAsync(clinician, personId);
        var someoneElse = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Person]);
        Assert.DoesNotContain("Walk to the shops without stopping", (await someoneElse.GetAsync("/me/care-plan")).Text);
        var linkWorker = await PageClient.SignedInAsync(App, fixture.Users[UserRole.LinkWorker]);
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync($"/people/{personId}/care-plan")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.Http.GetAsync($"/api/people/{personId}/care-plan/fhir")).StatusCode);
    }
}

public sealed class CarePlansOnSqliteTests(SqliteAccessFixture fixture) : CarePlanTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class CarePlansOnPostgresTests(PostgresAccessFixture fixture) : CarePlanTests(fixture), IClassFixture<PostgresAccessFixture>;
