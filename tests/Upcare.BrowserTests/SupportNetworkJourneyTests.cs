using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// The support network in a real browser: the link worker and the person build the map together (the person without
/// JavaScript), the person takes one entry off, and the later snapshot shows the change; an unshared clinician is
/// refused. axe-core on every page.
/// </summary>
public sealed class SupportNetworkJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    [Fact]
    public async Task A_link_worker_and_the_person_build_the_map_the_person_removes_an_entry_and_a_later_snapshot_shows_it()
    {
        // person1 shared their map with the demo link worker at their first conversation.
        var personId = await PersonIdAsync("person1");
        var linkWorker = await SignedInAsync("linkworker");
        await linkWorker.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        await linkWorker.GetByRole(AriaRole.Link, new() { Name = "Support network" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator("main table")).ToContainTextAsync("Sarah");
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Add to the map" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-error-summary")).ToContainTextAsync("Select whether this is a person, a group or a place");
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByLabel("A group", new() { Exact = true }).CheckAsync();
        await linkWorker.GetByLabel("Who or what is it?").FillAsync("Knit and natter");
        await linkWorker.GetByLabel("In the middle", new() { Exact = true }).CheckAsync();
        await linkWorker.GetByLabel("Company").CheckAsync();
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Add to the map" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Knit and natter has been added");
        await linkWorker.GetByLabel("What is this moment?").FillAsync("Review with Sam");
        await linkWorker.GetByRole(AriaRole.Button, new() { Name = "Keep a snapshot" }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator("#snapshots")).ToContainTextAsync("Review with Sam");

        // The person, on their own pages and without JavaScript, sees what the link worker added, and takes Pat off.
        await using var noScript = await Fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var person = await noScript.NewPageAsync();
        await Fixture.SignInAsync(person, "person1");
        await person.GetByRole(AriaRole.Link, new() { Name = "Your support network: who and what supports you" }).ClickAsync();
        await Assertions.Expect(person.Locator("main table")).ToContainTextAsync("Knit and natter");
        await Assertions.Expect(person.Locator("svg.upcare-network")).ToContainTextAsync("Knit and natter");
        await person.GetByRole(AriaRole.Link, new() { Name = "Change or remove Pat" }).ClickAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Remove Pat from the map" }).ClickAsync();
        await Assertions.Expect(person.Locator(".nhsuk-notification-banner")).ToContainTextAsync("Pat has been taken off the support network");
        await Assertions.Expect(person.Locator("main table")).Not.ToContainTextAsync("Pat");
        await person.GetByLabel("What is this moment?").FillAsync("After the review");
        await person.GetByRole(AriaRole.Button, new() { Name = "Keep a snapshot" }).ClickAsync();
        await person.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("After the review$") }).ClickAsync();
        await Assertions.Expect(person.Locator("#changes")).ToContainTextAsync("Taken off the map");
        await Assertions.Expect(person.Locator("#changes")).ToContainTextAsync("Pat");

        // The link worker sees the same change in the later snapshot; the earlier one still has Pat.
        await linkWorker.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/support-network");
        await linkWorker.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("After the review$") }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator("#changes")).ToContainTextAsync("Pat");
        await AssertAccessibleAsync(linkWorker);
        await linkWorker.GetByRole(AriaRole.Link, new() { Name = "Back to the support network" }).ClickAsync();
        await linkWorker.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Review with Sam$") }).ClickAsync();
        await Assertions.Expect(linkWorker.Locator("main table").Last).ToContainTextAsync("Pat");

        // With JavaScript, the person's pages pass axe-core too, and the care plan shows the map.
        var withScript = await SignedInAsync("person1");
        foreach (var path in new[] { "/me/support-network", "/me/support-network/sharing", "/me/care-plan", "/me/care-plan/print" })
        {
            await withScript.GotoAsync(Fixture.BaseUrl + path);
            await AssertAccessibleAsync(withScript);
        }
        await Assertions.Expect(withScript.Locator("#plan-support-network")).ToContainTextAsync("Knit and natter");
        await withScript.GotoAsync(Fixture.BaseUrl + "/me/support-network");
        await withScript.GetByRole(AriaRole.Link, new() { Name = "Change or remove Sarah" }).ClickAsync();
        await AssertAccessibleAsync(withScript);

        // The clinician sees the record, but not the map: it was never shared with them.
        var clinician = await SignedInAsync("clinician");
        await clinician.GotoAsync($"{Fixture.BaseUrl}/people/{personId}/support-network");
        await Assertions.Expect(clinician.Locator("main")).ToContainTextAsync("has not shared their support network with you");
        await Assertions.Expect(clinician.Locator("main")).Not.ToContainTextAsync("Knit and natter");
        await AssertAccessibleAsync(clinician);
    }
}
