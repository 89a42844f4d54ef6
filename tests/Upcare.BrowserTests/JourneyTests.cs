using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>
/// A journey through the demo with several users, each in their own browser context so their sign-ins stay apart,
/// checking every page with axe-core on the way.
/// </summary>
public abstract class JourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserFixture Fixture => fixture;

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    protected static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await BrowserFixture.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>A new browser context signed in as the demo account <paramref name="who"/>.</summary>
    protected async Task<IPage> SignedInAsync(string who)
    {
        // axe-core is injected as a script, which the app's CSP would rightly block; bypass it in the test browser only.
        var context = await fixture.Browser.NewContextAsync(new() { BypassCSP = true });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, who);
        return page;
    }

    /// <summary>The record of the demo person account <paramref name="who"/> ("person1" …).</summary>
    protected async Task<Guid> PersonIdAsync(string who)
    {
        using var scope = fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
        return await db.Users.Where(u => u.Email == $"{who}@demo.upcare.test").Select(u => u.PersonId!.Value).SingleAsync();
    }
}
