using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Upcare.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.Tests.Infrastructure;

/// <summary>The real Upcare app, in process, on a real database of the given provider.</summary>
public class UpcareApp(DatabaseProvider provider, string connectionString, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The password of every account the tests open.</summary>
    public const string Password = "correct horse battery staple";

    public DatabaseProvider Provider { get; } = provider;

    /// <summary>The audit chain key of test apps (a deployment's is a secret).</summary>
    public const string TestChainKey = "test chain key, not a secret, 32+ characters long";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Upcare", connectionString);
        builder.UseSetting("Upcare:Demo", "false");
        // As in Production: links come from the configured address, and other Host headers are refused.
        builder.UseSetting("Upcare:PublicBaseUrl", "https://localhost");
        builder.UseSetting("Upcare:Audit:ChainKey", TestChainKey);
        // Every test signs in from the same (absent) address; the limit itself has its own test.
        builder.UseSetting("Upcare:SignIn:AttemptsPerMinute", "100000");
        // The licensed questionnaires, from the marked demo copies (demo mode, which these tests do not use, loads them by itself).
        builder.UseSetting("Upcare:Outcomes:LicensedInstrumentsDirectory", Path.Combine(AppContext.BaseDirectory, "Outcomes", "DemoLicensedInstruments"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A fresh, empty database of <paramref name="provider"/>: a new SQLite file or a new PostgreSQL database.</summary>
    public static async Task<string> NewDatabaseAsync(DatabaseProvider provider, string name) => provider switch
    {
        DatabaseProvider.Postgres => await (await PostgresServer.GetAsync()).CreateDatabaseAsync(name),
        _ => $"Data Source={Path.Combine(Path.GetTempPath(), $"upcare-test-{name}-{Guid.NewGuid():N}.db")};Pooling=false",
    };

    /// <summary>Opens an account of <paramref name="role"/> and returns its email address.</summary>
    public async Task<string> CreateUserAsync(UserRole role, Guid? organisationId = null, Guid? personId = null, string? name = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UpcareUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.upcare.test";
        var user = new UpcareUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            DisplayName = name ?? $"Test {UserRoles.Label(role)}",
            Role = role,
            OrganisationId = organisationId,
            PersonId = personId,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return email;
    }

    public async Task<Guid> UserIdAsync(string email) => await WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public async Task<T> WithDbAsync<T>(Func<UpcareDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<UpcareDbContext>());
    }
}

/// <summary>An app on a fresh database of one provider, shared by one test class.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "pages"));
        App.StartServer();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

/// <summary>An app on a fresh SQLite file.</summary>
public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

/// <summary>An app on a fresh database of the test run's PostgreSQL server.</summary>
public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);
