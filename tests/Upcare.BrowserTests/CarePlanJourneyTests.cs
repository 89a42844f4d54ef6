using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// A clinician and a person build and agree a care and support plan, and make a decision together with SURE before and
/// collaboRATE after, in a real browser: axe-core on every page on the way.
/// </summary>
public sealed class CarePlanJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    [Fact]
    public async Task A_clinician_and_a_person_build_and_agree_a_plan_together()
    {
        var personId = await PersonIdAsync("person2");
        var clinician = await SignedInAsync("clinician");
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Start a care and support plan" }).ClickAsync();
        await AssertAccessibleAsync(clinician);
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Start a care and support plan" }).ClickAsync();
        await AssertAccessibleAsync(clinician);

        // Saved without a review date: the error summary, then the plan.
        await clinician.GetByLabel("About me and what matters to me").FillAsync("I look after my mum.\nI sing in a choir on Thursdays.");
        await clinician.GetByLabel("The goal, in the person's words").FillAsync("Keep singing every week");
        await clinician.GetByLabel("How I'll know I got there").FillAsync("I have not missed a Thursday");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter a review date");
        await AssertAccessibleAsync(clinician);
        var review = clinician.GetByRole(AriaRole.Group, new() { Name = "Review date" });
        await review.GetByLabel("Day").FillAsync("1");
        await review.GetByLabel("Month").FillAsync("6");
        await review.GetByLabel("Year").FillAsync((DateTime.UtcNow.Year + 1).ToString());
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Care and support plan started");
        await AssertAccessibleAsync(clinician);

        // The person reads it on their own pages, adds a note to the goal and agrees it.
        var person = await SignedInAsync("person2");
        await person.GetByRole(AriaRole.Link, new() { Name = "Your care and support plan" }).ClickAsync();
        await Assertions.Expect(person.Locator("h1")).ToHaveTextAsync("Your care and support plan");
        await Assertions.Expect(person.Locator(".upcare-own-words").First).ToHaveTextAsync("I look after my mum.\nI sing in a choir on Thursdays.");
        await AssertAccessibleAsync(person);
        await person.GetByLabel("Making progress").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Save progress on goal 1" }).ClickAsync();
        await person.GetByLabel("Add a note about goal 1").FillAsync("Went on Thursday even though my knee hurt");
        await person.GetByRole(AriaRole.Button, new() { Name = "Add note to goal 1" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Note added");
        await person.GetByRole(AriaRole.Button, new() { Name = "I agree with this plan" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your agreement to this plan is recorded");
        await AssertAccessibleAsync(person);
        await person.GetByRole(AriaRole.Link, new() { Name = "Print your plan or save it as a PDF" }).ClickAsync();
        await Assertions.Expect(person.Locator("h1")).ToHaveTextAsync("My care and support plan");
        await AssertAccessibleAsync(person);

        // The clinician sees the note, the agreement, and who changed what.
        await clinician.ReloadAsync();
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("Went on Thursday even though my knee hurt");
        await Assertions.Expect(clinician.Locator(".nhsuk-summary-list")).ToContainTextAsync("(the person)");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Every version, and who changed what" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("main h2").First).ToHaveTextAsync("Version 2");
        await AssertAccessibleAsync(clinician);
        foreach (var path in new[] { "review", "print", "agree", "edit" })
        {
            await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/care-plan/{path}");
            await AssertAccessibleAsync(clinician);
        }
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Care plan reviews" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("Overdue");
        await AssertAccessibleAsync(clinician);
    }

    [Fact]
    public async Task A_clinician_and_a_person_complete_a_decision_with_SURE_before_and_collaborate_after()
    {
        var personId = await PersonIdAsync("person3");
        var clinician = await SignedInAsync("clinician");
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Shared decisions" }).First.ClickAsync();
        await AssertAccessibleAsync(clinician);
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Start a shared decision" }).ClickAsync();
        await AssertAccessibleAsync(clinician);

        await clinician.GetByLabel(new Regex("^Which treatment for my knee osteoarthritis")).CheckAsync();
        var questions = clinician.Locator("fieldset").Filter(new() { Has = clinician.GetByLabel("Yes") });
        await questions.Nth(0).GetByLabel("No").CheckAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Continue to the options" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-error-summary")).ToContainTextAsync("Select yes or no for SURE question 2");
        await AssertAccessibleAsync(clinician);
        for (var i = 1; i < 4; i++)
        {
            await clinician.Locator("fieldset").Filter(new() { Has = clinician.GetByLabel("Yes") }).Nth(i).GetByLabel(i == 1 ? "No" : "Yes").CheckAsync();
        }
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Continue to the options" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("answered \"yes\" to 2 of the 4 SURE questions");
        await Assertions.Expect(clinician.Locator("thead")).ToContainTextAsync("Exercise and weight management");
        await AssertAccessibleAsync(clinician);

        await clinician.GetByLabel(new Regex("^What matters most to")).FillAsync("Keeping up with my grandchildren");
        await clinician.GetByLabel("Exercise and weight management").CheckAsync();
        var after = clinician.Locator("fieldset").Filter(new() { Has = clinician.GetByLabel("Yes") });
        for (var i = 0; i < 4; i++)
        {
            await after.Nth(i).GetByLabel("Yes").CheckAsync();
        }
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-notification-banner")).ToContainTextAsync("collaboRATE");
        await AssertAccessibleAsync(clinician);
        // The header link may sit under "More" on a narrow window: go to the same address.
        await clinician.GotoAsync($"{Fixture.BaseUrl}/decisions/figures");
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("100%");
        await AssertAccessibleAsync(clinician);

        // The person answers collaboRATE from their own pages.
        var person = await SignedInAsync("person3");
        await person.GetByRole(AriaRole.Link, new() { Name = "Decisions about your care" }).ClickAsync();
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("You chose: Exercise and weight management");
        await AssertAccessibleAsync(person);
        await person.GetByRole(AriaRole.Link, new() { Name = "Tell us how well you were involved in this decision" }).ClickAsync();
        await person.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start collaboRATE") }).ClickAsync();
        await AssertAccessibleAsync(person);
        var items = person.Locator("fieldset");
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).Locator("input[type=radio][value='9']").CheckAsync();
        }
        await person.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(person.Locator("h1")).ToContainTextAsync("collaboRATE");
        await AssertAccessibleAsync(person);

        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
        Assert.True(await db.MeasureResponses.AnyAsync(r => r.PersonId == personId && r.InstrumentCode == "collaborate" && r.Status == Upcare.Outcomes.ResponseStatus.Completed && r.AboutClinicianUserId != null));
    }

    [Fact]
    public async Task An_administrator_keeps_the_decision_aids()
    {
        var admin = await SignedInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Decision aids" }).ClickAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a decision aid" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save the decision aid" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the decision, as a question");
        await AssertAccessibleAsync(admin);
        await admin.GotoAsync($"{Fixture.BaseUrl}/admin/decision-aids");
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Which medicine for my type 2 diabetes") }).ClickAsync();
        await AssertAccessibleAsync(admin);
    }
}
