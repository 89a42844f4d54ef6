using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    [InlineData("splead", "/social-prescribing/team", "Link workers")]
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

/// <summary>Every page each kind of user reaches passes axe-core (WCAG 2.2 AA).</summary>
public sealed class AccessPagesAccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<Guid> IdAsync(Func<Upcare.Data.UpcareDbContext, Task<Guid>> query)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>());
    }

    [Fact]
    public async Task Administration_personal_and_break_glass_pages_pass_axe()
    {
        var linkWorker = await IdAsync(db => db.Users.Where(u => u.Email == "linkworker@demo.upcare.test").Select(u => u.Id).SingleAsync());
        var person1 = await IdAsync(db => db.Users.Where(u => u.Email == "person1@demo.upcare.test").Select(u => u.PersonId!.Value).SingleAsync());
        var elsewhere = await IdAsync(db => db.People.Where(p => p.GpPracticeId != db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).Single()).Select(p => p.Id).FirstAsync());
        var vcseService = await IdAsync(db => db.CommunityServices.Where(s => s.OrganisationId == db.Users.Where(u => u.Email == "vcse@demo.upcare.test").Select(u => u.OrganisationId!.Value).Single()).Select(s => s.Id).FirstAsync());
        var journeys = new (string Who, string[] Pages)[]
        {
            ("admin", ["/admin", "/admin/accounts", "/admin/accounts/new", $"/admin/accounts/{linkWorker}", "/admin/caseloads", $"/admin/caseloads/{linkWorker}", "/admin/audit", "/admin/audit?handler=Verify", "/admin/instruments", "/admin/fhir", "/organisations", "/admin/outbox", "/admin/outbox?status=Queued"]),
            ("person1", ["/me", "/me/record-access", "/me/carers", "/me/messages"]),
            ("person2", [$"/me/cares-for/{person1}"]),
            ("clinician", [$"/people/{elsewhere}/break-glass", "/people/new", "/sign-out", "/outcomes/alerts", "/outcomes/collaborate", $"/people/{person1}/measures/new"]),
            ("commissioner", ["/figures"]),
            ("vcse", ["/directory/manage", "/directory/manage/new", $"/directory/manage/services/{vcseService}"]),
            ("admin", ["/admin/directory-import"]),
        };
        foreach (var (who, pages) in journeys)
        {
            await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, who);
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(fixture.BaseUrl + path);
                Assert.True(response!.Ok, $"{who}: {path} gave {response.Status}");
                var violations = await BrowserFixture.AccessibilityViolationsAsync(page);
                Assert.True(violations.Count == 0, $"{who}: {path}:\n{string.Join("\n", violations)}");
            }
        }
    }

    [Fact]
    public async Task The_error_summary_on_break_glass_passes_axe_and_links_to_the_reason()
    {
        var elsewhere = await IdAsync(db => db.People.Where(p => p.GpPracticeId != db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).Single()).Select(p => p.Id).Skip(1).FirstAsync());
        await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "clinician");
        await page.GotoAsync($"{fixture.BaseUrl}/people/{elsewhere}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("You do not have a care relationship with this person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record in an emergency" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-error-summary")).ToContainTextAsync("Enter why you need to see this record now");
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));
        await page.GetByLabel("Why do you need to see this record now?").FillAsync("Attending in A&E, unconscious, need medication history");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the record in an emergency" }).ClickAsync();
        await Assertions.Expect(page.Locator(".nhsuk-warning-callout")).ToContainTextAsync("Emergency access");
        Assert.Empty(await BrowserFixture.AccessibilityViolationsAsync(page));
    }
}
