using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>Sessions are held on the server: signing out, closing the account or a new password ends them, copied cookie or not.</summary>
public abstract class SessionTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A browser signed in as <paramref name="email"/>, and a second client holding a copy of its cookies.</summary>
    private async Task<(PageClient Browser, PageClient Copy)> SignedInWithACopyAsync(string email)
    {
        var cookies = new CookieContainer();
        var browser = await new PageClient(App, cookies).SignInAsync(email);
        var copied = new CookieContainer();
        copied.Add(cookies.GetCookies(new Uri("https://localhost")));
        return (browser, new PageClient(App, copied));
    }

    private static bool SentToSignIn(PageResult page) => page.Status == HttpStatusCode.Redirect && page.Location!.OriginalString.Contains("/sign-in?");

    [Fact]
    public async Task A_copied_session_cookie_stops_working_when_its_owner_signs_out()
    {
        var email = await App.CreateUserAsync(UserRole.Clinician, organisationId: fixture.PracticeId);
        var (browser, copy) = await SignedInWithACopyAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/people")).Status);
        await browser.SubmitAsync("/sign-out", new Dictionary<string, string>());

        Assert.True(SentToSignIn(await copy.GetAsync("/people")));
        Assert.True(SentToSignIn(await browser.GetAsync("/people")));
    }

    [Fact]
    public async Task Signing_out_in_one_browser_leaves_the_users_other_sessions_signed_in()
    {
        var email = await App.CreateUserAsync(UserRole.Clinician, organisationId: fixture.PracticeId);
        var desk = await PageClient.SignedInAsync(App, email);
        var laptop = await PageClient.SignedInAsync(App, email);
        await desk.SubmitAsync("/sign-out", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/people")).Status);
    }

    [Fact]
    public async Task A_session_in_use_all_day_still_ends_at_its_absolute_lifetime()
    {
        var email = await App.CreateUserAsync(UserRole.Clinician, organisationId: fixture.PracticeId);
        var userId = await App.UserIdAsync(email);
        var browser = await PageClient.SignedInAsync(App, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/people")).Status);

        // Eleven hours on, still inside the 12-hour lifetime; then twelve hours and a minute.
        await App.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartedAt, DateTime.UtcNow.AddHours(-11))));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/people")).Status);
        await App.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartedAt, DateTime.UtcNow.AddHours(-12).AddMinutes(-1))));
        Assert.True(SentToSignIn(await browser.GetAsync("/people")));

        // Signing in again starts a new session.
        await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/people")).Status);
    }

    [Theory]
    [InlineData("Close", "account-closed")]
    [InlineData("Password", "password-set")]
    public async Task Closing_an_account_or_setting_its_password_ends_its_sessions_at_once_and_is_audited(string handler, string action)
    {
        var email = await App.CreateUserAsync(UserRole.LinkWorker);
        var userId = await App.UserIdAsync(email);
        var (browser, copy) = await SignedInWithACopyAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/people")).Status);

        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var account = await admin.GetAsync($"/admin/accounts/{userId}");
        var done = await admin.SubmitFormAsync(account, $"/admin/accounts/{userId}", new Dictionary<string, string> { ["NewPassword"] = "a brand new long password" }, handler: handler);
        Assert.Equal(HttpStatusCode.Redirect, done.Status);

        Assert.True(SentToSignIn(await browser.GetAsync("/people")));
        Assert.True(SentToSignIn(await copy.GetAsync("/people")));
        var entry = Assert.Single(await fixture.AuditAsync(q => q.Where(e => e.Action == action && e.Detail!.StartsWith(email))));
        Assert.Equal(UserRole.Administrator.ToString(), entry.Role);
    }

    [Fact]
    public async Task Unlocking_an_account_is_audited()
    {
        var email = await App.CreateUserAsync(UserRole.HealthCoach);
        var userId = await App.UserIdAsync(email);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddMinutes(10))));
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var account = await admin.GetAsync($"/admin/accounts/{userId}");
        await admin.SubmitFormAsync(account, $"/admin/accounts/{userId}", new Dictionary<string, string>(), handler: "Unlock");
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).SingleAsync()));
        Assert.Single(await fixture.AuditAsync(q => q.Where(e => e.Action == "account-unlocked" && e.Detail!.StartsWith(email))));
    }
}

public sealed class SessionOnSqliteTests(SqliteAccessFixture fixture) : SessionTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class SessionOnPostgresTests(PostgresAccessFixture fixture) : SessionTests(fixture), IClassFixture<PostgresAccessFixture>;
