using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>Each demo account signs in from the home page and lands on the right home page, which passes axe-core.</summary>
public sealed class RoleHomePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("clinician", "/people", "Find a person")]
    [InlineData("linkworker", "/people", "Find a person")]
    [InlineData("coach", "/people", "Find a person")]
    [InlineData("coordinator", "/people", "Find a person")]
    [InlineData("budgets", "/people", "Find a person")]
    [InlineData("vcse", "/", "Upcare")]
    [InlineData("commissioner", "/figures", "The population Upcare serves")]
    [InlineData("admin", "/admin", "Administration")]
    [InlineData("person1", "/me", "Your record, ")]
    public async Task Each_demo_user_signs_in_and_sees_their_home_page(string who, string home, string heading)
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to Upcare");
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));

        await page.GetByLabel("Email address").FillAsync($"{who}@demo.upcare.test");
        await page.GetByLabel("Password").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(fixture.BaseUrl + home) + "$"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
        await Assertions.Expect(page.Locator(".upcare-signed-in")).ToContainTextAsync("Signed in as");
        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task A_carer_opens_the_record_shared_with_them_and_the_person_sees_who_looked()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "person2");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(".") }).And(page.Locator("a[href^='/me/cares-for/']")).First.ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-caption-l")).ToContainTextAsync("Shared with you");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await fixture.SignInAsync(page, "person1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Who has looked at your record" }).ClickAsync();
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Carer, with the person's permission");
    }
}
