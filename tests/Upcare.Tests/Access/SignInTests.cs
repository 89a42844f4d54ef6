using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>Signing in and out: passwords, lockout, closed accounts, the rate limit and the cookie.</summary>
public abstract class SignInTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private static Dictionary<string, string> Credentials(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    [Theory]
    [InlineData(UserRole.Clinician, "/people")]
    [InlineData(UserRole.LinkWorker, "/people")]
    [InlineData(UserRole.Person, "/me")]
    [InlineData(UserRole.Administrator, "/admin")]
    [InlineData(UserRole.Commissioner, "/figures")]
    [InlineData(UserRole.VcseWorker, "/")]
    public async Task Each_kind_of_user_lands_on_their_own_home_page(UserRole role, string home)
    {
        var result = await new PageClient(App).SubmitAsync("/sign-in", Credentials(fixture.Users[role], UpcareApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(home, result.Location!.ToString());
    }

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for_and_never_to_another_site()
    {
        var client = new PageClient(App);
        var asked = await client.GetAsync("/organisations");
        Assert.Equal("/sign-in?ReturnUrl=%2Forganisations", asked.Location!.PathAndQuery);
        var back = await client.SubmitAsync(asked.Location.PathAndQuery, Credentials(fixture.Users[UserRole.Clinician], UpcareApp.Password));
        Assert.Equal("/organisations", back.Location!.ToString());

        var evil = await new PageClient(App).SubmitAsync("/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F", Credentials(fixture.Users[UserRole.Clinician], UpcareApp.Password));
        Assert.Equal("/people", evil.Location!.ToString());
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_address_gets_the_same_message()
    {
        var wrong = await new PageClient(App).SubmitAsync("/sign-in", Credentials(fixture.Users[UserRole.Commissioner], "not the password"));
        var unknown = await new PageClient(App).SubmitAsync("/sign-in", Credentials("nobody@example.com", "not the password"));
        Assert.Equal(["Enter a correct email address and password"], wrong.ErrorSummary);
        Assert.Equal(wrong.ErrorSummary, unknown.ErrorSummary);
        Assert.StartsWith("Error: ", wrong.Title);
        var empty = await new PageClient(App).SubmitAsync("/sign-in", Credentials("", ""));
        Assert.Equal(["Enter your email address", "Enter your password"], empty.ErrorSummary);
        // The password is never sent back in the page.
        Assert.Equal("", wrong.Document.GetElementById("Password")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it()
    {
        var email = await App.CreateUserAsync(UserRole.HealthCoach);
        for (var i = 0; i < 5; i++)
        {
            await new PageClient(App).SubmitAsync("/sign-in", Credentials(email, "wrong password " + i));
        }
        // Even the right password is refused now, with the words anyone gets, so the page does not say the account exists.
        var locked = await new PageClient(App).SubmitAsync("/sign-in", Credentials(email, UpcareApp.Password));
        Assert.Equal(["Enter a correct email address and password"], locked.ErrorSummary);
        Assert.Contains("locked for a while after several wrong passwords", locked.Document.GetElementById("sign-in-hint")!.TextContent);

        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var userId = await App.UserIdAsync(email);
        var account = await admin.GetAsync($"/admin/accounts/{userId}");
        Assert.Contains("Locked after too many wrong passwords", account.Text);
        await admin.SubmitFormAsync(account, "/", new Dictionary<string, string>(), handler: "Unlock");
        Assert.Equal(HttpStatusCode.Redirect, (await new PageClient(App).SubmitAsync("/sign-in", Credentials(email, UpcareApp.Password))).Status);
    }

    [Fact]
    public async Task A_closed_account_cannot_sign_in()
    {
        var email = await App.CreateUserAsync(UserRole.CareCoordinator);
        var userId = await App.UserIdAsync(email);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTime.UtcNow)));
        var result = await new PageClient(App).SubmitAsync("/sign-in", Credentials(email, UpcareApp.Password));
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(["Enter a correct email address and password"], result.ErrorSummary);
        Assert.Contains("an administrator can close an account", result.Document.GetElementById("sign-in-hint")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_a_locked_and_a_closed_account_get_the_same_page_in_about_the_same_time()
    {
        var lockedEmail = await App.CreateUserAsync(UserRole.HealthCoach);
        for (var i = 0; i < 5; i++)
        {
            await new PageClient(App).SubmitAsync("/sign-in", Credentials(lockedEmail, "wrong password " + i));
        }
        var closedEmail = await App.CreateUserAsync(UserRole.HealthCoach);
        var closedId = await App.UserIdAsync(closedEmail);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == closedId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTime.UtcNow)));
        var wrongEmail = await App.CreateUserAsync(UserRole.HealthCoach);

        var tries = new (string Name, string Email, string Password)[]
        {
            ("unknown", $"nobody.{Guid.NewGuid():N}@example.com", "a guess"),
            ("wrong password", wrongEmail, "a guess"),
            ("locked", lockedEmail, UpcareApp.Password),
            ("closed", closedEmail, UpcareApp.Password),
        };
        var pages = new Dictionary<string, string>();
        var times = tries.ToDictionary(t => t.Name, _ => new List<double>());
        // Interleaved rounds, so a slow moment on a busy machine falls on every kind alike; the fastest of each is compared,
        // as a busy machine only ever adds time.
        for (var round = 0; round < 8; round++)
        {
            // The wrong password must never lock its own account while the rounds run.
            await App.WithDbAsync(db => db.Users.Where(u => u.Email == wrongEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0)));
            foreach (var (name, email, password) in tries)
            {
                var client = new PageClient(App);
                var form = await client.GetAsync("/sign-in");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var result = await client.SubmitFormAsync(form, "/sign-in", Credentials(email, password));
                watch.Stop();
                times[name].Add(watch.Elapsed.TotalMilliseconds);
                pages[name] = string.Join("|", result.ErrorSummary) + "|" + result.Document.GetElementById("sign-in-hint")?.TextContent;
            }
        }
        Assert.Single(pages.Values.Distinct());
        var fastest = times.ToDictionary(t => t.Key, t => t.Value.Min());
        // Verifying a password takes tens of milliseconds; answering without it takes about one. Each kind must take at least
        // a third of the slowest kind's, each taken at its fastest.
        var slowest = fastest.Values.Max();
        Assert.All(fastest, m => Assert.True(m.Value >= slowest / 3, $"{m.Key} took {m.Value:0.0} ms against {slowest:0.0} ms: " + string.Join(", ", fastest.Select(x => $"{x.Key} {x.Value:0.0} ms"))));
    }

    [Fact]
    public async Task The_session_cookie_is_secure_http_only_and_same_site()
    {
        var client = new PageClient(App);
        var page = await client.GetAsync("/sign-in");
        var form = new Dictionary<string, string>(Credentials(fixture.Users[UserRole.Clinician], UpcareApp.Password))
        {
            ["__RequestVerificationToken"] = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        };
        using var response = await client.Http.PostAsync("/sign-in", new FormUrlEncodedContent(form));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("upcare-session="));
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/people")).Status);
        var signedOut = await client.SubmitAsync("/sign-out", new Dictionary<string, string>());
        Assert.Equal("/", signedOut.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/people")).Status);
    }

    [Fact]
    public async Task An_administrator_opens_an_account_and_bad_input_is_explained()
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var before = await App.WithDbAsync(db => db.Users.CountAsync());
        var bad = await admin.SubmitAsync("/admin/accounts/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "", ["Input.Email"] = "not-an-email", ["Input.Role"] = "Clinician", ["Password"] = "short",
        });
        Assert.Equal(["Enter the user's full name", "Enter an email address in the correct format, like name@example.nhs.uk", "Select the clinician's GP practice", "Password must be 12 characters or more"], bad.ErrorSummary);
        Assert.Equal(before, await App.WithDbAsync(db => db.Users.CountAsync()));

        var email = $"new.clinician.{Guid.NewGuid():N}@example.nhs.uk";
        var ok = await admin.SubmitAsync("/admin/accounts/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Dr New", ["Input.Email"] = email, ["Input.Role"] = "Clinician",
            ["Input.OrganisationId"] = fixture.PracticeId.ToString(), ["Password"] = "a long enough first password",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.Status);
        var client = await new PageClient(App).SignInAsync(email, "a long enough first password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/people/{fixture.Person}")).Status);

        var duplicate = await admin.SubmitAsync("/admin/accounts/new", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Dr Again", ["Input.Email"] = email, ["Input.Role"] = "Commissioner", ["Password"] = "a long enough first password",
        });
        Assert.Equal(["Another account already uses this email address"], duplicate.ErrorSummary);
    }
}

public sealed class SignInOnSqliteTests(SqliteAccessFixture fixture) : SignInTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class SignInOnPostgresTests(PostgresAccessFixture fixture) : SignInTests(fixture), IClassFixture<PostgresAccessFixture>;

/// <summary>The per-address limit on sign-in attempts, on its own app so other tests are not slowed by it.</summary>
public class SignInRateLimitTests
{
    [Fact]
    public async Task Too_many_attempts_in_a_minute_are_refused_with_429()
    {
        await using var app = new UpcareApp(DatabaseProvider.Sqlite, await UpcareApp.NewDatabaseAsync(DatabaseProvider.Sqlite, "ratelimit"),
            new Dictionary<string, string?> { ["Upcare:SignIn:AttemptsPerMinute"] = "3" });
        var client = new PageClient(app);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.SubmitAsync("/sign-in", new Dictionary<string, string> { ["Email"] = "someone@example.com", ["Password"] = "guess number " + i })).Status);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var page = await client.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.Status); // showing the page is never limited
    }
}
