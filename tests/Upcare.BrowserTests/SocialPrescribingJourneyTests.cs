using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// The whole social prescribing loop in a real browser, with the demo's clinician, link worker, VCSE worker and person:
/// axe-core on every page on the way.
/// </summary>
public sealed class SocialPrescribingJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    private static async Task AnswerOns4Async(IPage page, string value)
    {
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Ask the ONS personal wellbeing") }).ClickAsync();
        var questions = page.Locator("fieldset");
        for (var i = 0; i < 4; i++)
        {
            await questions.Nth(i).Locator($"input[type=radio][value='{value}']").CheckAsync();
        }
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("ONS personal wellbeing (ONS4)");
    }

    [Fact]
    public async Task Clinician_refers_link_worker_connects_the_group_takes_them_on_and_the_person_sees_it_all()
    {
        var (personId, personName, organisation) = await DemoAsync();

        // The clinician refers, first forgetting consent.
        var clinician = await SignedInAsync("clinician");
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await clinician.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Refer .* to social prescribing$") }).ClickAsync();
        await AssertAccessibleAsync(clinician);
        await clinician.GetByLabel("Reason for the referral").FillAsync("Lonely since moving here; worried about money");
        await clinician.GetByLabel("Loneliness and social isolation").CheckAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-error-summary")).ToContainTextAsync("A link worker can only contact people who agree to it");
        await AssertAccessibleAsync(clinician);
        await clinician.GetByLabel("The person agrees that a link worker may contact them").CheckAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Referral sent to the social prescribing service");
        await AssertAccessibleAsync(clinician);

        // The link worker takes it on, makes first contact, records what matters and asks ONS4.
        var linkWorker = await SignedInAsync("linkworker");
        await linkWorker.GetByRole(AriaRole.Link, new() { Name = "Social prescribing" }).First.ClickAsync();
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = $"Take on {personName}" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Taken on");
        await AssertAccessibleAsync(linkWorker);
        var record = linkWorker.Url;
        await linkWorker.GetByLabel("Phone").CheckAsync();
        await linkWorker.GetByLabel("How long, in minutes").FillAsync("35");
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Record contact" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Contact recorded");
        await linkWorker.GetByLabel("In their own words").FillAsync("Making friends and sorting out my bills");
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Save what matters" }).ClickAsync();
        await AnswerOns4Async(linkWorker, "4");

        // They find a group run by the demo VCSE organisation and refer, with the person's agreement.
        await linkWorker.GotoAsync(record);
        await linkWorker.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Find community support for") }).ClickAsync();
        await linkWorker.GetByLabel("Need").SelectOptionAsync(new SelectOptionValue { Label = "Any need" });
        await linkWorker.GetByLabel("Words (optional)").FillAsync(organisation);
        await linkWorker.GetByLabel(new Regex("^Within")).SelectOptionAsync(new SelectOptionValue { Label = "10 miles" });
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Refer ") }).First.ClickAsync();
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByLabel(new Regex("agrees to share these details")).CheckAsync();
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Referral sent to");

        // The VCSE worker accepts, records a session and marks it finished.
        var vcse = await SignedInAsync("vcse");
        await vcse.GetByRole(AriaRole.Link, new() { Name = "Referrals" }).First.ClickAsync();
        await AssertAccessibleAsync(vcse);
        await vcse.GetByRole(AriaRole.Link, new() { Name = personName }).First.ClickAsync();
        await AssertAccessibleAsync(vcse);
        await vcse.GetByLabel("Accept: we can take them on").CheckAsync();
        await vcse.GetByRole(AriaRole.Button, new() { Name = "Update the referral" }).ClickAsync();
        await Assertions.Expect(vcse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Referral marked as accepted");
        var today = DateTime.UtcNow;
        await vcse.GetByLabel("Day").FillAsync(today.Day.ToString());
        await vcse.GetByLabel("Month").FillAsync(today.Month.ToString());
        await vcse.GetByLabel("Year").FillAsync(today.Year.ToString());
        await vcse.GetByRole(AriaRole.Button, new() { Name = "Record the session" }).ClickAsync();
        await Assertions.Expect(vcse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Session recorded");
        await vcse.GetByLabel("They have finished").CheckAsync();
        await vcse.GetByRole(AriaRole.Button, new() { Name = "Update the referral" }).ClickAsync();
        await Assertions.Expect(vcse.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Referral marked as finished");
        await AssertAccessibleAsync(vcse);

        // The link worker repeats ONS4 and discharges; the summary goes back.
        await linkWorker.GotoAsync(record);
        await AnswerOns4Async(linkWorker, "8");
        await linkWorker.GotoAsync(record);
        await linkWorker.GetByLabel("Goals met").CheckAsync();
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Discharge and send the summary" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Discharged");
        await Assertions.Expect(linkWorker.Locator(".nhsuk-inset-text")).ToContainTextAsync("At the end:");
        await AssertAccessibleAsync(linkWorker);

        // The person sees the whole history.
        var person = await SignedInAsync("person3");
        await person.GetByRole(AriaRole.Link, new() { Name = "Your referrals" }).First.ClickAsync();
        await person.GetByText("History").First.ClickAsync();
        foreach (var step in new[] { "Sent, waiting for an answer", "Accepted", "Came to a session on", "Finished" })
        {
            await Assertions.Expect(person.Locator(".nhsuk-details__text").First).ToContainTextAsync(step);
        }
        await AssertAccessibleAsync(person);
    }

    /// <summary>person3 (registered at the demo clinician's practice, on no caseload), and the demo VCSE organisation's name.</summary>
    private async Task<(Guid PersonId, string Name, string Organisation)> DemoAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
        var personId = await db.Users.Where(u => u.Email == "person3@demo.upcare.test").Select(u => u.PersonId!.Value).SingleAsync();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == personId);
        var organisation = await db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Name).SingleAsync();
        return (personId, person.FullName, organisation);
    }
}
