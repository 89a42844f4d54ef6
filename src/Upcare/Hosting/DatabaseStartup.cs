using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.Synthetic;

namespace Upcare.Hosting;

/// <summary>Migrates the database and, in demo mode, seeds an empty one before the app takes requests.</summary>
public sealed class DatabaseStartup(IServiceProvider services, IOptions<UpcareOptions> options, IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        await StartupLock.RunAsync(db, () => PrepareAsync(scope.ServiceProvider, db, cancellationToken), cancellationToken);
    }

    private async Task PrepareAsync(IServiceProvider scope, UpcareDbContext db, CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (IsDemo(options.Value, environment))
        {
            var seeder = scope.GetRequiredService<PopulationSeeder>();
            if (await seeder.IsEmptyAsync(cancellationToken))
            {
                logger.LogInformation("Demo mode: seeding {People} synthetic people (seed {Seed})", options.Value.DemoPeople, options.Value.DemoSeed);
                await seeder.SeedAsync(options.Value.DemoPeople, options.Value.DemoSeed, null, cancellationToken);
            }
            var directory = scope.GetRequiredService<ServiceDirectory.DirectorySeeder>();
            if (await directory.IsEmptyAsync(cancellationToken))
            {
                var folder = DatabaseSetup.DataDirectory(configuration, environment.ContentRootPath);
                await directory.LoadSyntheticPostcodesAsync(folder, cancellationToken);
                await directory.SeedAsync(options.Value.DemoServices, options.Value.DemoSeed, null, cancellationToken);
            }
            var imd = scope.GetRequiredService<Commissioning.ImdLookup>();
            if (!await imd.AnyAsync(cancellationToken))
            {
                await imd.SeedSyntheticAsync(cancellationToken);
            }
            var payments = scope.GetRequiredService<Commissioning.OutcomePayments>();
            if (!await payments.AnyActivityAsync(cancellationToken))
            {
                await payments.SeedSyntheticAsync(options.Value.DemoSeed, cancellationToken);
            }
            var accounts = scope.GetRequiredService<DemoAccounts>();
            if (!await accounts.AnyAccountsAsync(cancellationToken))
            {
                var password = options.Value.DemoPassword;
                if (string.IsNullOrWhiteSpace(password))
                {
                    throw new InvalidOperationException("Demo mode needs a password for its demo accounts: set Upcare:DemoPassword (env Upcare__DemoPassword).");
                }
                await accounts.SeedAsync(password, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool IsDemo(UpcareOptions options, IHostEnvironment environment) => options.Demo || environment.IsDevelopment();
}
