using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>Anyone finds community support without signing in, with and without JavaScript; axe-core on each page.</summary>
public sealed class DirectoryJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Anyone_finds_loneliness_support_near_a_postcode_and_opens_a_service()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find community support" }).First.ClickAsync();
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));

        // A postcode that is not one: the error summary, checked by axe too.
        await page.GetByLabel("Near postcode (optional)").FillAsync("NE4 ZZZ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter a real postcode");
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));

        await page.GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Loneliness and social isolation" });
        await page.GetByLabel("Near postcode (optional)").FillAsync("NE4 6BE");
        await page.GetByLabel("Within").SelectOptionAsync(new SelectOptionValue { Label = "3 miles" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToHaveTextAsync(new Regex("^[0-9]+ services? found$"));
        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));

        await page.Locator(".nhsuk-card__link").First.ClickAsync();
        await Assertions.Expect(page.Locator("h2").First).ToHaveTextAsync("Opening times");
        // How the service answers referrals, or that too few have been answered to say.
        await Assertions.Expect(page.Locator("#service-responses")).ToContainTextAsync("referrals");
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task The_search_works_without_JavaScript_and_explains_a_bad_postcode()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/directory");
        await page.GetByLabel("Near postcode (optional)").FillAsync("not a postcode");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter a real postcode");
        await page.GetByLabel("Near postcode (optional)").FillAsync("");
        await page.GetByLabel("Free services").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("#results")).ToHaveTextAsync(new Regex("services? found$"));
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Next") }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-pagination")).ToContainTextAsync("Previous");
    }
}
