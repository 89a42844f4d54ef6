using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// The budget officer sets up a mixed NHS and social care budget with person1, they agree a costed plan, a payment is
/// made, and person1 records a spend with a receipt and sees their balance. axe-core on every page.
/// </summary>
public sealed class PersonalBudgetJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    private static async Task FillDateAsync(IPage page, string group, DateOnly date)
    {
        var fields = page.GetByRole(AriaRole.Group, new() { Name = group });
        await fields.GetByLabel("Day").FillAsync(date.Day.ToString());
        await fields.GetByLabel("Month").FillAsync(date.Month.ToString());
        await fields.GetByLabel("Year").FillAsync(date.Year.ToString());
    }

    [Fact]
    public async Task Officer_and_person_set_up_a_mixed_budget_agree_the_plan_a_payment_runs_and_the_person_records_a_spend()
    {
        var personId = await PersonIdAsync("person1");
        var officer = await SignedInAsync("budgets");
        await officer.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Personal budget" }).ClickAsync();
        await AssertAccessibleAsync(officer);
        await officer.GetByRole(AriaRole.Link, new() { Name = "Set up a personal budget" }).ClickAsync();
        await AssertAccessibleAsync(officer);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await officer.GetByLabel("Legal right: NHS Continuing Healthcare").CheckAsync();
        await FillDateAsync(officer, "Start date", today);
        await FillDateAsync(officer, "End date", today.AddYears(1).AddDays(-1));
        var first = officer.Locator("fieldset").Filter(new() { HasText = "Funding stream 1" });
        await first.GetByLabel("NHS", new() { Exact = true }).CheckAsync();
        await first.GetByLabel("Funder's name").FillAsync("North East and North Cumbria ICB");
        await first.GetByLabel("Amount for the period, in pounds").FillAsync("4000");
        var second = officer.Locator("fieldset").Filter(new() { HasText = "Funding stream 2" });
        await second.GetByLabel("Local authority social care").CheckAsync();
        await second.GetByLabel("Funder's name").FillAsync("Newcastle City Council");
        await second.GetByLabel("Amount for the period, in pounds").FillAsync("2000");
        await officer.GetByLabel("Notional, in pounds").FillAsync("1000");
        await officer.GetByLabel("Direct payment, in pounds").FillAsync("4000");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Set up the budget" }).ClickAsync();
        // The ways it is held do not add up yet, and the direct payment has no account.
        await Assertions.Expect(officer.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter the name of the dedicated account");
        await AssertAccessibleAsync(officer);
        await officer.GetByLabel("Direct payment, in pounds").FillAsync("5000");
        await officer.GetByLabel("Name of the dedicated account").FillAsync("L Heslop PHB account");
        await officer.GetByLabel("Sort code").FillAsync("30-94-57");
        await officer.GetByLabel("Account number").FillAsync("12345678");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Set up the budget" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Budget of £6,000.00 set up");
        await AssertAccessibleAsync(officer);

        // The costed plan: a personal assistant from the NHS share, a gym from the council's.
        var item1 = officer.Locator("fieldset").Filter(new() { HasText = "Item 1" });
        await item1.GetByLabel("The outcome it meets").FillAsync("Get out to the shops on my own");
        await item1.GetByLabel("What", new() { Exact = true }).FillAsync("Personal assistant");
        await item1.GetByLabel("Category").SelectOptionAsync("Personal care and support");
        await item1.GetByLabel("From whom").FillAsync("Helping Hands");
        await item1.GetByLabel("How often").FillAsync("every week");
        await item1.GetByLabel("Cost each time, in pounds").FillAsync("60");
        await item1.GetByLabel("How many times in the period").FillAsync("50");
        await item1.GetByLabel("Paid by").SelectOptionAsync(new SelectOptionValue { Label = "North East and North Cumbria ICB (NHS)" });
        var item2 = officer.Locator("fieldset").Filter(new() { HasText = "Item 2" });
        await item2.GetByLabel("The outcome it meets").FillAsync("Stronger legs");
        await item2.GetByLabel("What", new() { Exact = true }).FillAsync("Gym membership");
        await item2.GetByLabel("Category").SelectOptionAsync("Activity and leisure");
        await item2.GetByLabel("From whom").FillAsync("Westgate leisure centre");
        await item2.GetByLabel("How often").FillAsync("every month");
        await item2.GetByLabel("Cost each time, in pounds").FillAsync("25.50");
        await item2.GetByLabel("How many times in the period").FillAsync("12");
        await item2.GetByLabel("Paid by").SelectOptionAsync(new SelectOptionValue { Label = "Newcastle City Council (Local authority social care)" });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Plan saved");
        await AssertAccessibleAsync(officer);

        // The person agrees the plan from their own pages; the officer approves it.
        var person = await SignedInAsync("person1");
        await person.GetByRole(AriaRole.Link, new() { Name = "Your personal budget" }).ClickAsync();
        await AssertAccessibleAsync(person);
        await person.GetByRole(AriaRole.Button, new() { Name = "I agree with this plan" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Your agreement to the plan is recorded");
        await officer.ReloadAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Approve the plan" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Plan approved");
        await AssertAccessibleAsync(officer);

        // A payment into the direct payment account.
        await officer.GetByRole(AriaRole.Link, new() { Name = "Payments, spending and reclaims" }).ClickAsync();
        await AssertAccessibleAsync(officer);
        await officer.GetByLabel("Paid by").First.SelectOptionAsync(new SelectOptionValue { Label = "North East and North Cumbria ICB (NHS)" });
        await officer.GetByLabel("The direct payment account").First.CheckAsync();
        await officer.GetByLabel("Amount, in pounds").First.FillAsync("500");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Make the payment" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Paid £500.00");
        await AssertAccessibleAsync(officer);

        // The person records what they spent, with the receipt, and sees what is left.
        await person.ReloadAsync();
        await person.GetByLabel("What in your plan did you pay for?").SelectOptionAsync(new SelectOptionValue { Label = "Personal assistant" });
        await person.GetByLabel("How much, in pounds").FillAsync("120");
        await person.GetByLabel("Receipt (optional)").SetInputFilesAsync(new FilePayload { Name = "receipt.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] });
        await person.GetByRole(AriaRole.Button, new() { Name = "Record what I spent" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("£120.00 spent on Personal assistant");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("£5,880.00 left");
        await Assertions.Expect(person.GetByRole(AriaRole.Link, new() { Name = "Receipt for Personal assistant" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(person);

        await officer.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/budget");
        await Assertions.Expect(officer.Locator("main")).ToContainTextAsync("Spent: Personal assistant");
        await AssertAccessibleAsync(officer);
        foreach (var path in new[] { "/budget/review" })
        {
            await officer.GotoAsync($"{Fixture.BaseUrl}/people/{personId}{path}");
            await AssertAccessibleAsync(officer);
        }
        await officer.GotoAsync($"{Fixture.BaseUrl}/budgets");
        await AssertAccessibleAsync(officer);
    }
}
