using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>A person's journey through the pages in a real browser, each page checked with axe-core.</summary>
public sealed class PeopleJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private IBrowserContext _context = default!;
    private IPage _page = default!;

    public async ValueTask InitializeAsync()
    {
        // axe-core is injected as a script, which the app's CSP would rightly block; bypass it in the test browser only.
        _context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        _page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private async Task AssertAccessibleAsync()
    {
        var violations = await BrowserFixture.AccessibilityViolationsAsync(_page);
        Assert.True(violations.Count == 0, $"{_page.Url}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task Find_a_person_open_their_page_and_add_what_matters_to_them()
    {
        await fixture.SignInAsync(_page, "clinician");
        await _page.GotoAsync(fixture.BaseUrl + "/");
        await AssertAccessibleAsync();
        await _page.GetByRole(AriaRole.Link, new() { Name = "Find a person" }).First.ClickAsync();
        Assert.EndsWith("/people", _page.Url);
        await AssertAccessibleAsync();

        // Search by the name of someone the demo population has, then open the first result.
        var someone = await fixture.AnySeededPersonAsync();
        await _page.GetByLabel("Name").FillAsync($"{someone.GivenName} {someone.FamilyName}");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#results")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+ (person|people) found$"));
        await AssertAccessibleAsync();
        var firstResult = _page.Locator("table.nhsuk-table tbody a").First;
        var name = await firstResult.InnerTextAsync();
        await firstResult.ClickAsync();
        await Assertions.Expect(_page.Locator("h1")).ToBeVisibleAsync();
        var heading = await _page.Locator("h1").InnerTextAsync();
        Assert.Contains(name.Split(',')[0], heading.ToUpperInvariant());
        await AssertAccessibleAsync();

        // Add a "What matters to me" statement in the person's words.
        await _page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add what matters to") }).ClickAsync();
        await AssertAccessibleAsync();
        var words = "Walking to the shops on my own again by the summer.";
        await _page.GetByRole(AriaRole.Textbox).FillAsync(words);
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(_page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("What matters has been saved");
        await Assertions.Expect(_page.Locator(".upcare-statement").First).ToContainTextAsync(words);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_bad_NHS_number_shows_the_error_summary_and_the_field_error()
    {
        await fixture.SignInAsync(_page, "linkworker");
        await _page.GotoAsync(fixture.BaseUrl + "/people/new");
        await AssertAccessibleAsync();
        await _page.GetByLabel("NHS number").FillAsync("943 476 5918");
        await _page.GetByLabel("First name").FillAsync("Test");
        await _page.GetByLabel("Last name").FillAsync("Person");
        await _page.GetByLabel("Day").FillAsync("1");
        await _page.GetByLabel("Month").FillAsync("2");
        await _page.GetByLabel("Year").FillAsync("1970");
        await _page.GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await _page.GetByLabel("Address line 1", new() { Exact = true }).FillAsync("1 Test Street");
        await _page.GetByLabel("Postcode").FillAsync("NE4 5AB");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Save person" }).ClickAsync();

        await Assertions.Expect(_page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        var summary = _page.Locator(".nhsuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary).ToContainTextAsync("NHS number is not valid: check each digit");
        await Assertions.Expect(_page.Locator("#Input_NhsNumber-error")).ToContainTextAsync("NHS number is not valid");
        // What was typed is kept, so nothing is lost.
        await Assertions.Expect(_page.GetByLabel("Last name")).ToHaveValueAsync("Person");
        await AssertAccessibleAsync();

        // The summary link takes the user to the field.
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(_page.Locator("#Input_NhsNumber")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Pages_work_without_JavaScript()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "clinician");
        await page.GotoAsync(fixture.BaseUrl + "/people");
        await page.GetByLabel("NHS number").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("NHS number must be 10 digits");
        await page.GotoAsync(fixture.BaseUrl + "/organisations");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Organisations");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Westgate Road Medical Practice");
    }
}
