using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Upcare.Data;

/// <summary>Which database Upcare uses: <c>Database:Provider</c> (Sqlite or Postgres) and <c>ConnectionStrings:Upcare</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Registers the provider's context and exposes it as <see cref="UpcareDbContext"/>.</summary>
public static class DatabaseSetup
{
    /// <summary>
    /// Prepared statements for the queries every page repeats, and no session reset on each return to the pool (EF Core
    /// sets no session state): fewer round trips and less server work per page. A setting in the configured string wins.
    /// </summary>
    public static string WithPerformanceDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }
        // Prepared statements save parsing, but PostgreSQL's generic plan for a prepared search cannot see how wide a
        // latitude range or how common a need is, and chose nested loops over the whole directory (200 ms instead of 45).
        // Custom plans are planned for the actual values each time.
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c plan_cache_mode=force_custom_plan";
        }
        return builder.ConnectionString;
    }

    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name))
        {
            return DatabaseProvider.Sqlite;
        }
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider is '{name}'; it must be 'Sqlite' or 'Postgres'.");
    }

    /// <summary>The data folder: <c>Upcare:DataDirectory</c>, or App_Data under the app's content root.</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot) =>
        Path.GetFullPath(configuration["Upcare:DataDirectory"] is { Length: > 0 } dir ? dir : Path.Combine(contentRoot, "App_Data"));

    public static IServiceCollection AddUpcareDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = ProviderFrom(configuration);
        var connectionString = configuration.GetConnectionString("Upcare");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Upcare is empty. Set it, e.g. ConnectionStrings__Upcare=\"Host=localhost;Database=upcare;Username=upcare;Password=…\".");
            }
            // Pooled: every page uses a context, and building one per request shows up in the person-page benchmark.
            // Reads that meet a dropped connection are tried again; writes are not (see ReadRetryingExecutionStrategy).
            services.AddDbContextPool<PostgresUpcareDbContext>(o => o.UseNpgsql(WithPerformanceDefaults(connectionString),
                npgsql => npgsql.ExecutionStrategy(dependencies => new ReadRetryingExecutionStrategy(dependencies))));
            services.AddScoped<UpcareDbContext>(sp => sp.GetRequiredService<PostgresUpcareDbContext>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = DataDirectory(configuration, contentRoot);
                Directory.CreateDirectory(folder);
                connectionString = $"Data Source={Path.Combine(folder, "upcare.db")}";
            }
            services.AddDbContextPool<SqliteUpcareDbContext>(o => o.UseSqlite(connectionString));
            services.AddScoped<UpcareDbContext>(sp => sp.GetRequiredService<SqliteUpcareDbContext>());
        }
        services.AddSingleton(new DatabaseInfo(provider));
        return services;
    }
}

/// <summary>Which provider this instance runs on (shown on /health).</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context for migrations.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUpcareDbContext>
{
    public SqliteUpcareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteUpcareDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context for migrations (no server is contacted).</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUpcareDbContext>
{
    public PostgresUpcareDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresUpcareDbContext>().UseNpgsql("Host=localhost;Database=upcare_design").Options);
}
