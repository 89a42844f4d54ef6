using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>The commissioner walks each view, changes the split, downloads a CSV, and cannot open a named record. axe-core on each page.</summary>
public sealed class CommissioningJourneyTests(BrowserFixture fixture) : JourneyTests(fixture)
{
    [Fact]
    public async Task The_commissioner_walks_each_view_and_downloads_a_CSV()
    {
        var page = await SignedInAsync("commissioner");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "People reached by personalised care, against targets, by month and split for equity" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("People reached by personalised care");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Split by").SelectOptionAsync("ImdDecile");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("By IMD decile (1 = most deprived)");
        await AssertAccessibleAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download these figures (CSV)" }).ClickAsync());
        Assert.StartsWith("upcare-reach-by-imddecile-", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("\uFEFFIMD decile (1 = most deprived),Social prescribing referral", csv);

        foreach (var (link, heading) in new[]
        {
            ("What changed for people: wellbeing before and after, with response rates", "What changed for people"),
            ("Community organisations: demand and capacity, gaps in provision", "Community organisations: demand and capacity"),
            ("Personal budgets by funder", "Personal budgets by funder"),
            ("What people say about the services, and replying", "What people say about the services"),
            ("Outcomes contracts: what is payable, with the evidence", "Outcomes contracts"),
            ("Choice of provider: offered and recorded, by practice", "Choice of provider"),
            ("Use of GP and hospital services before and after social prescribing", "Use of GP and hospital services, before and after social prescribing"),
        })
        {
            await page.GotoAsync($"{Fixture.BaseUrl}/figures");
            await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await AssertAccessibleAsync(page);
        }

        // Demand split for equity, without JavaScript: the form is a plain GET.
        await page.GotoAsync($"{Fixture.BaseUrl}/figures/vcse");
        await page.GetByLabel("Split by").SelectOptionAsync("Sex");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("caption", new() { HasText = "By sex of the people referred" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GotoAsync($"{Fixture.BaseUrl}/figures/budgets?Split=LongTermConditions");
        await Assertions.Expect(page.GetByLabel("Split by")).ToHaveValueAsync("LongTermConditions");
        await AssertAccessibleAsync(page);

        // No named record, whatever the address.
        var personId = await PersonIdAsync("person1");
        var refused = await page.GotoAsync($"{Fixture.BaseUrl}/people/{personId}");
        Assert.Equal(403, refused!.Status);
    }
}
