using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// Choice, health coaching and peer support in a real browser: a clinician offers choice and the person chooses from
/// their pages; a coach runs two sessions and the person keeps goals and a diary; two people opt in and are matched into
/// a group while a third is never shown. axe-core on every page.
/// </summary>
public sealed class SelfManagementJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    [Fact]
    public async Task A_clinician_offers_choice_and_the_person_chooses_from_their_own_pages()
    {
        var personId = await PersonIdAsync("person3");
        var clinician = await SignedInAsync("clinician");
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Choice of provider" }).ClickAsync();
        await AssertAccessibleAsync(clinician);
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Make a referral, offering choice" }).ClickAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-error-summary")).ToContainTextAsync("Select the service the person is referred to");
        await AssertAccessibleAsync(clinician);
        await clinician.GetByLabel("Service").SelectOptionAsync("Trauma and orthopaedics");
        await clinician.GetByLabel("Yes").CheckAsync();
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(clinician.Locator("table")).ToContainTextAsync("Tyne Valley Orthopaedic Centre (demo)");
        await AssertAccessibleAsync(clinician);
        await clinician.GetByRole(AriaRole.Button, new() { Name = "They will choose later" }).ClickAsync();
        await Assertions.Expect(clinician.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Choice offered");

        var person = await SignedInAsync("person3");
        await person.GetByRole(AriaRole.Link, new() { Name = "Choose where you are seen" }).ClickAsync();
        await AssertAccessibleAsync(person);
        await person.GetByLabel("Tyne Valley Orthopaedic Centre (demo)").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Make my choice for Trauma and orthopaedics" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-error-summary")).ToContainTextAsync("Tell us why you chose it");
        await AssertAccessibleAsync(person);
        await person.GetByLabel("Tyne Valley Orthopaedic Centre (demo)").CheckAsync();
        await person.GetByLabel("Why did you choose it?").FillAsync("The wait is half as long");
        await person.GetByRole(AriaRole.Button, new() { Name = "Make my choice for Trauma and orthopaedics" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("You chose Tyne Valley Orthopaedic Centre (demo)");
        await AssertAccessibleAsync(person);

        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/choice");
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("The wait is half as long");
        var commissioner = await SignedInAsync("commissioner");
        await commissioner.GotoAsync($"{Fixture.BaseUrl}/figures/choice");
        await AssertAccessibleAsync(commissioner);
        var admin = await SignedInAsync("admin");
        await admin.GotoAsync($"{Fixture.BaseUrl}/admin/providers");
        await AssertAccessibleAsync(admin);
    }

    [Fact]
    public async Task A_coach_runs_two_sessions_and_the_person_sees_their_goals_and_diary()
    {
        var personId = await PersonIdAsync("person1");
        var person = await SignedInAsync("person1");
        await person.GetByRole(AriaRole.Link, new() { Name = "Your goals and diary" }).ClickAsync();
        await AssertAccessibleAsync(person);
        await person.GetByLabel("Your goal, in your own words").FillAsync("Walk to the park three times a week");
        await person.GetByRole(AriaRole.Button, new() { Name = "Add goal" }).ClickAsync();
        await person.GetByLabel("Minutes walked").CheckAsync();
        await person.GetByLabel("The number (not needed for a note)").FillAsync("35");
        await person.GetByRole(AriaRole.Button, new() { Name = "Add to diary" }).ClickAsync();
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("Walked 35 minutes");
        await person.GetByLabel("My goals").CheckAsync();
        await person.GetByLabel("My diary").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Save what my coach can see" }).ClickAsync();
        await AssertAccessibleAsync(person);

        var coach = await SignedInAsync("coach");
        // The header link may sit under "More" on a narrow window: go to the same address.
        await coach.GotoAsync($"{Fixture.BaseUrl}/coaching");
        await AssertAccessibleAsync(coach);
        await coach.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/coaching");
        await Assertions.Expect(coach.Locator("main")).ToContainTextAsync("Walk to the park three times a week");
        await Assertions.Expect(coach.Locator("main")).ToContainTextAsync("Walked 35 minutes");
        foreach (var n in new[] { 1, 2 })
        {
            await coach.GetByLabel("What you talked about").FillAsync($"Session {n}: what gets in the way of walking");
            await coach.GetByLabel("Their goals, in their words (optional)").FillAsync(n == 1 ? "Walk to the park" : "Walk to the park and back");
            await coach.GetByLabel("Next steps you agreed").FillAsync(n == 1 ? "Try Tuesday and Thursday mornings" : "Ask a neighbour to come along");
            await coach.GetByRole(AriaRole.Button, new() { Name = "Record the session" }).ClickAsync();
            await Assertions.Expect(coach.Locator(".nhsuk-notification-banner")).ToContainTextAsync($"Session {n} of 6 recorded");
        }
        await AssertAccessibleAsync(coach);

        await person.ReloadAsync();
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("Session 2");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("Ask a neighbour to come along");
        await Assertions.Expect(person.Locator("main")).ToContainTextAsync("Walk to the park three times a week");
    }

    [Fact]
    public async Task Two_people_opt_in_and_are_matched_into_a_group_and_a_third_who_did_not_is_never_shown()
    {
        string thirdName;
        using (var scope = Fixture.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
            var id = await PersonIdAsync("person1");
            thirdName = await db.People.Where(p => p.Id == id).Select(p => p.GivenName).SingleAsync();
        }
        foreach (var who in new[] { "person2", "person3" })
        {
            var page = await SignedInAsync(who);
            await page.GetByRole(AriaRole.Link, new() { Name = "Meet people who share your experience" }).ClickAsync();
            await AssertAccessibleAsync(page);
            Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Groups for you" }).CountAsync());
            await page.GetByLabel("Type 2 diabetes").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and find groups" }).ClickAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Living well with type 2 diabetes");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join Living well with type 2 diabetes" }).ClickAsync();
            await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("You have joined the group");
            await AssertAccessibleAsync(page);
            // person1 never opted in: never among the people suggested.
            var suggested = page.Locator("ul.nhsuk-list--border li");
            for (var i = 0; i < await suggested.CountAsync(); i++)
            {
                Assert.DoesNotContain(thirdName + ",", await suggested.Nth(i).TextContentAsync() ?? "");
            }
        }

        var coach = await SignedInAsync("coach");
        await coach.GotoAsync($"{Fixture.BaseUrl}/peer-support");
        await AssertAccessibleAsync(coach);
        await coach.GetByRole(AriaRole.Link, new() { Name = "Living well with type 2 diabetes" }).ClickAsync();
        await Assertions.Expect(coach.Locator("main")).ToContainTextAsync("2 of 12 places taken");
        await AssertAccessibleAsync(coach);
        await coach.Locator("input[name=Present]").First.CheckAsync();
        await coach.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        await Assertions.Expect(coach.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Attendance recorded for 1 person");

        var third = await SignedInAsync("person1");
        await third.GotoAsync($"{Fixture.BaseUrl}/me/peer-support");
        await Assertions.Expect(third.Locator("main")).Not.ToContainTextAsync("Living well with type 2 diabetes");
        Assert.Equal(0, await third.Locator("ul.nhsuk-list--border li").CountAsync());
    }
}
