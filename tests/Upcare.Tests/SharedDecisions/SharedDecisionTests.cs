using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.SharedDecisions;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.SharedDecisions;

/// <summary>Decision aids and shared decisions through the pages, on each provider.</summary>
public abstract class SharedDecisionTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private static Dictionary<string, string> Option(int i, string name) => new()
    {
        [$"Input.Options[{i}].Name"] = name,
        [$"Input.Options[{i}].WhatItInvolves"] = $"What {name} involves",
        [$"Input.Options[{i}].Benefits"] = $"Benefits of {name}",
        [$"Input.Options[{i}].Risks"] = $"Risks of {name}",
        [$"Input.Options[{i}].EvidenceSource"] = "Test evidence",
    };

    /// <summary>An aid added through the administration pages.</summary>
    private async Task<Guid> AidAsync(string title)
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var fields = new Dictionary<string, string> { ["Input.Title"] = title };
        foreach (var (k, v) in Option(0, DecisionAidService.DoingNothing).Concat(Option(1, "Tablets")).Concat(Option(2, "Surgery")))
        {
            fields[k] = v;
        }
        var saved = await admin.SubmitAsync("/admin/decision-aids/new", fields);
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        return await App.WithDbAsync(db => db.DecisionAids.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
    }

    [Fact]
    public async Task An_administrator_keeps_aids_that_always_include_doing_nothing_and_incomplete_ones_are_refused()
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var refused = await admin.SubmitAsync("/admin/decision-aids/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Refused aid", ["Input.Options[0].Benefits"] = "", ["Input.Options[1].Name"] = "Tablets",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal([
            "Enter what doing nothing or waiting involves", "Enter the benefits of doing nothing or waiting", "Enter the risks of doing nothing or waiting",
            "Enter where the evidence for doing nothing or waiting comes from", "Enter what this option involves", "Enter the benefits of this option",
            "Enter the risks of this option", "Enter where the evidence for this option comes from",
        ], refused.ErrorSummary);
        var onlyNothing = await admin.SubmitAsync("/admin/decision-aids/new", new Dictionary<string, string>(Option(0, "Wait")) { ["Input.Title"] = "Refused aid" });
        Assert.Equal(["Enter at least one option besides doing nothing or waiting"], onlyNothing.ErrorSummary);
        Assert.False(await App.WithDbAsync(db => db.DecisionAids.AnyAsync(a => a.Title == "Refused aid")));

        var aidId = await AidAsync("Which knee treatment?");
        var options = await App.WithDbAsync(db => db.DecisionOptions.Where(o => o.AidId == aidId).OrderBy(o => o.Position).ToListAsync());
        Assert.Equal([(DecisionAidService.DoingNothing, true), ("Tablets", false), ("Surgery", false)], options.Select(o => (o.Name, o.IsDoingNothing)));

        // A change made from a stale page is refused; the other's change stays.
        var first = await admin.GetAsync($"/admin/decision-aids/{aidId}");
        await admin.SubmitAsync($"/admin/decision-aids/{aidId}", new Dictionary<string, string> { ["Input.Title"] = "Which knee treatment? (2027)" });
        var stale = await admin.SubmitFormAsync(first, $"/admin/decision-aids/{aidId}", new Dictionary<string, string> { ["Input.Title"] = "Stale title" });
        Assert.Contains("Someone else changed this decision aid", stale.ErrorSummary.Single());
        Assert.Equal("Which knee treatment? (2027)", await App.WithDbAsync(db => db.DecisionAids.Where(a => a.Id == aidId).Select(a => a.Title).SingleAsync()));
    }

    [Fact]
    public async Task A_clinician_and_person_decide_with_SURE_before_and_after_and_collaborate_goes_to_the_person()
    {
        var aidId = await AidAsync("Which diabetes medicine?");
        var personId = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == fixture.PracticeId && p.Id != fixture.OwnRecord && !db.Users.Any(u => u.PersonId == p.Id) && !db.SharedDecisions.Any(d => d.PersonId == p.Id))
            .OrderByDescending(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        var person = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        var clinicianEmail = await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: "Dr Decide");
        var clinician = await PageClient.SignedInAsync(App, clinicianEmail);

        // SURE before: every question needs an answer.
        var start = $"/people/{personId}/decisions/new";
        var missing = await clinician.SubmitAsync(start, new Dictionary<string, string> { ["Before.Sure"] = "0", ["Before.RiskBenefit"] = "1" });
        Assert.Equal(["Select the decision to make", "Select yes or no for SURE question 2 before talking through the options",
            "Select yes or no for SURE question 4 before talking through the options"], missing.ErrorSummary);
        var opened = await clinician.SubmitAsync(start, new Dictionary<string, string>
        {
            ["AidId"] = aidId.ToString(), ["Before.Sure"] = "0", ["Before.Understand"] = "0", ["Before.RiskBenefit"] = "1", ["Before.Encouragement"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        var decision = await App.WithDbAsync(db => db.SharedDecisions.AsNoTracking().SingleAsync(d => d.PersonId == personId));
        Assert.Equal((2, DecisionStatus.Open), (decision.SureBefore, decision.Status));
        var url = $"/people/{personId}/decisions/{decision.Id}";

        // The options side by side, doing nothing first.
        var page = await clinician.GetAsync(url);
        var headings = page.Document.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        Assert.Equal([DecisionAidService.DoingNothing, "Tablets", "Surgery"], headings);
        Assert.Contains("Risks of Surgery", page.Text);

        // Not decided yet: a date in the future is needed. Then back to it, and a choice.
        var past = await clinician.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["Input.WhatMattersMost"] = "Not having to inject", ["Input.Choice"] = DecisionForm.NotDecided, ["Input.ComeBackOn.Day"] = "1", ["Input.ComeBackOn.Month"] = "1", ["Input.ComeBackOn.Year"] = "2020",
        });
        Assert.Equal(["Date to come back to it must be in the future"], past.ErrorSummary);
        var later = await clinician.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["Input.WhatMattersMost"] = "Not having to inject", ["Input.Choice"] = DecisionForm.NotDecided, ["Input.ComeBackOn.Day"] = "1", ["Input.ComeBackOn.Month"] = "1", ["Input.ComeBackOn.Year"] = (DateTime.UtcNow.Year + 1).ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, later.Status);
        page = await clinician.GetAsync(url);
        var tablets = page.Document.QuerySelectorAll("input[name='Input.Choice']").Single(i => i.Id is not null && page.Document.QuerySelector($"label[for='{i.Id}']")!.TextContent == "Tablets").GetAttribute("value")!;
        var noPlan = await clinician.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["Input.Choice"] = tablets, ["Input.After.Sure"] = "1", ["Input.After.Understand"] = "1", ["Input.After.RiskBenefit"] = "1",
        });
        Assert.Equal(["Select yes or no for SURE question 4 now the choice is made"], noPlan.ErrorSummary);
        var chosen = await clinician.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["Input.Choice"] = tablets, ["Input.After.Sure"] = "1", ["Input.After.Understand"] = "1", ["Input.After.RiskBenefit"] = "1", ["Input.After.Encouragement"] = "1",
        });
        Assert.True(chosen.Status == HttpStatusCode.Redirect, string.Join("; ", chosen.ErrorSummary));

        decision = await App.WithDbAsync(db => db.SharedDecisions.AsNoTracking().SingleAsync(d => d.PersonId == personId));
        Assert.Equal((DecisionStatus.Decided, "Tablets", 4, "Not having to inject"), (decision.Status, decision.ChosenOptionName, decision.SureAfter!.Value, decision.WhatMattersMost));
        var sure = await App.WithDbAsync(db => db.MeasureResponses.Where(r => r.PersonId == personId && r.InstrumentCode == "sure" && r.Status == ResponseStatus.Completed).CountAsync());
        Assert.Equal(2, sure);

        // collaboRATE is sent to the person, due within 2 days, about this clinician's encounter.
        var request = await App.WithDbAsync(db => db.MeasureRequests.AsNoTracking().SingleAsync(r => r.Id == decision.CollaborateRequestId));
        Assert.Equal(("collaborate", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2)), (request.InstrumentCode, request.DueOn));
        Assert.Equal(await App.UserIdAsync(clinicianEmail), request.RequestedByUserId);
        Assert.Contains("You chose: Tablets", (await person.GetAsync("/me/decisions")).Text);
        Assert.Contains("collaboRATE", (await person.GetAsync("/me/questionnaires")).Text);

        // The clinician's figures: conflict before (2/4), resolved after (4/4).
        var figures = await clinician.GetAsync("/decisions/figures");
        var row = figures.Document.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Of those, sure after"));
        // "You" (the practice column also counts other tests' clinicians at this practice).
        Assert.Equal("1 (100%)", row.QuerySelectorAll("td").First().TextContent);
        Assert.Contains("0 of the 25 complete encounters needed", figures.Text);

        var actions = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.PersonId == personId).Select(e => e.Action).ToListAsync());
        Assert.Contains("decision-started", actions);
        Assert.Contains("decision-recorded", actions);
    }

    [Fact]
    public async Task A_decision_can_be_added_to_the_care_and_support_plan_as_a_new_version()
    {
        var aidId = await AidAsync("Where to be cared for?");
        var personId = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == fixture.PracticeId && !db.SharedDecisions.Any(d => d.PersonId == p.Id) && !db.CarePlans.Any(c => c.PersonId == p.Id))
            .OrderBy(p => p.FamilyName).Select(p => p.Id).FirstAsync());
        var clinician = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: "Dr Plan"));
        var sure = new Dictionary<string, string> { ["Before.Sure"] = "1", ["Before.Understand"] = "1", ["Before.RiskBenefit"] = "1", ["Before.Encouragement"] = "1", ["AidId"] = aidId.ToString() };
        await clinician.SubmitAsync($"/people/{personId}/decisions/new", sure);
        var decisionId = await App.WithDbAsync(db => db.SharedDecisions.Where(d => d.PersonId == personId).Select(d => d.Id).SingleAsync());
        var url = $"/people/{personId}/decisions/{decisionId}";
        var page = await clinician.GetAsync(url);
        Assert.Null(page.Document.QuerySelector("#Input_AddToPlan"));

        await clinician.SubmitAsync($"/people/{personId}/care-plan/edit", new Dictionary<string, string>
        {
            ["Input.AboutMe"] = "Home matters most", ["Input.ReviewOn.Day"] = "1", ["Input.ReviewOn.Month"] = "1", ["Input.ReviewOn.Year"] = (DateTime.UtcNow.Year + 1).ToString(),
        });
        page = await clinician.GetAsync(url);
        var option = page.Document.QuerySelectorAll("input[name='Input.Choice']").First().GetAttribute("value")!;
        var recorded = await clinician.SubmitFormAsync(page, url, new Dictionary<string, string>
        {
            ["Input.WhatMattersMost"] = "Being at home", ["Input.Choice"] = option, ["Input.AddToPlan"] = "true",
            ["Input.After.Sure"] = "1", ["Input.After.Understand"] = "1", ["Input.After.RiskBenefit"] = "1", ["Input.After.Encouragement"] = "1",
        });
        Assert.True(recorded.Status == HttpStatusCode.Redirect, string.Join("; ", recorded.ErrorSummary));
        var plan = await App.WithDbAsync(db => db.CarePlans.AsNoTracking().Include(p => p.Actions).SingleAsync(p => p.PersonId == personId));
        Assert.Equal(2, plan.Version);
        Assert.StartsWith("Where to be cared for? I chose: " + DecisionAidService.DoingNothing, plan.Actions.Single().What);
        Assert.Equal(2, await App.WithDbAsync(db => db.SharedDecisions.Where(d => d.Id == decisionId).Select(d => d.CarePlanVersion).SingleAsync()));
    }

    [Fact]
    public async Task Only_a_clinician_with_a_relationship_records_a_decision()
    {
        var aidId = await AidAsync("Which hip treatment?");
        var form = new Dictionary<string, string> { ["AidId"] = aidId.ToString(), ["Before.Sure"] = "1", ["Before.Understand"] = "1", ["Before.RiskBenefit"] = "1", ["Before.Encouragement"] = "1" };

        // A health coach with the person on their caseload may read decisions but not record one.
        var coachEmail = fixture.Users[UserRole.HealthCoach];
        await App.WithDbAsync(async db =>
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = await App.UserIdAsync(coachEmail), PersonId = fixture.Person, StartedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var coach = await PageClient.SignedInAsync(App, coachEmail);
        Assert.Equal(HttpStatusCode.OK, (await coach.GetAsync($"/people/{fixture.Person}/decisions")).Status);
        var refused = await coach.SubmitAsync($"/people/{fixture.Person}/decisions/new", form);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.False(await App.WithDbAsync(db => db.SharedDecisions.AnyAsync(d => d.PersonId == fixture.Person)));

        var elsewhere = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.OtherPracticeId));
        var noRelationship = await elsewhere.GetAsync($"/people/{fixture.Person}/decisions/new");
        Assert.Equal(HttpStatusCode.Redirect, noRelationship.Status);
        Assert.Contains("break-glass", noRelationship.Location!.ToString());
    }
}

public sealed class SharedDecisionsOnSqliteTests(SqliteAccessFixture fixture) : SharedDecisionTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class SharedDecisionsOnPostgresTests(PostgresAccessFixture fixture) : SharedDecisionTests(fixture), IClassFixture<PostgresAccessFixture>;
