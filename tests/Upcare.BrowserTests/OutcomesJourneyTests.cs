using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>A clinician sends ONS4 and SWEMWBS; the person answers them on their own pages and sees their trend. axe-core on every page.</summary>
public sealed class OutcomesJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
    }

    [Fact]
    public async Task A_person_answers_ONS4_and_SWEMWBS_on_their_own_pages_then_sees_their_trend()
    {
        Guid personId;
        using (var scope = fixture.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
            personId = await db.Users.Where(u => u.Email == "person3@demo.upcare.test").Select(u => u.PersonId!.Value).SingleAsync();
        }

        await using (var clinicianContext = await fixture.Browser.NewContextAsync(new() { BypassCSP = true }))
        {
            var page = await clinicianContext.NewPageAsync();
            await fixture.SignInAsync(page, "clinician");
            await page.GotoAsync($"{fixture.BaseUrl}/people/{personId}");
            await page.GetByRole(AriaRole.Link, new() { Name = "Questionnaires and outcomes" }).ClickAsync();
            await AssertAccessibleAsync(page);
            foreach (var name in new[] { "ONS personal wellbeing (ONS4)", "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS) – demo copy" })
            {
                await page.GetByRole(AriaRole.Link, new() { Name = "Send or complete a questionnaire" }).ClickAsync();
                await AssertAccessibleAsync(page);
                await page.GetByLabel(name, new() { Exact = true }).CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send to ") }).ClickAsync();
                await Assertions.Expect(page.Locator(".nhsuk-notification-banner")).ToContainTextAsync("sent to");
            }
        }

        await using var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        var me = await context.NewPageAsync();
        await fixture.SignInAsync(me, "person3");
        await Assertions.Expect(me.Locator(".nhsuk-inset-text")).ToContainTextAsync("You have 2 questionnaires to answer");
        await AssertAccessibleAsync(me);
        await me.GetByRole(AriaRole.Link, new() { Name = "Answer your questionnaires" }).ClickAsync();
        await AssertAccessibleAsync(me);

        // ONS4, one question per page.
        await me.GetByRole(AriaRole.Button, new() { Name = "Start ONS personal wellbeing (ONS4)" }).ClickAsync();
        await AssertAccessibleAsync(me);
        await me.GetByRole(AriaRole.Link, new() { Name = "Answer one question at a time" }).ClickAsync();
        foreach (var (question, answer) in new[] { ("Life satisfaction", "7"), ("Worthwhile", "8"), ("Happiness", "6"), ("Anxiety", "2") })
        {
            await Assertions.Expect(me.Locator("h1")).ToHaveTextAsync(question);
            await AssertAccessibleAsync(me);
            await me.Locator($"input[type=radio][value='{answer}']").CheckAsync();
            var last = question == "Anxiety";
            await me.GetByRole(AriaRole.Button, new() { Name = last ? "Submit answers" : "Save and continue" }).ClickAsync();
        }
        await Assertions.Expect(me.Locator("h1")).ToHaveTextAsync("ONS personal wellbeing (ONS4)");
        await Assertions.Expect(me.Locator("table").First).ToContainTextAsync("High");
        await AssertAccessibleAsync(me);

        // SWEMWBS, all on one page; first leave one out, to see the error.
        await me.GotoAsync(fixture.BaseUrl + "/me/questionnaires");
        await me.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start Short Warwick") }).ClickAsync();
        var fieldsets = me.Locator("fieldset");
        Assert.Equal(7, await fieldsets.CountAsync());
        for (var i = 0; i < 6; i++)
        {
            await fieldsets.Nth(i).Locator("input[type=radio][value='4']").CheckAsync();
        }
        await me.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();
        await Assertions.Expect(me.Locator(".nhsuk-error-summary")).ToContainTextAsync("I've been able to make up my own mind about things");
        await AssertAccessibleAsync(me);
        await me.Locator("fieldset").Nth(6).Locator("input[type=radio][value='3']").CheckAsync();
        await me.GetByRole(AriaRole.Button, new() { Name = "Submit answers" }).ClickAsync();

        // Raw 27 → metric 24.11, the published conversion.
        await Assertions.Expect(me.Locator("h1")).ToContainTextAsync("SWEMWBS");
        await Assertions.Expect(me.Locator("body")).ToContainTextAsync("24.11");
        await Assertions.Expect(me.Locator("svg.upcare-chart").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(me);

        await me.GotoAsync(fixture.BaseUrl + "/me/questionnaires");
        await Assertions.Expect(me.Locator("main")).ToContainTextAsync("You have no questionnaires to answer");
        await AssertAccessibleAsync(me);
    }
}
