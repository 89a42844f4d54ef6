using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Synthetic;

namespace Upcare.Hosting;

/// <summary>A command of the app: <c>dotnet run --project src/Upcare -- NAME [options]</c>.</summary>
public abstract class UpcareCommand
{
    public abstract string Name { get; }
    public abstract string Usage { get; }
    public abstract Task<int> RunAsync(WebApplication app, string[] args);

    protected static async Task MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        await StartupLock.RunAsync(db, () => db.Database.MigrateAsync());
    }

    protected int Fail(string message)
    {
        Console.Error.WriteLine($"{Name}: {message}");
        Console.Error.WriteLine($"usage: {Usage}");
        return 2;
    }
}

/// <summary>Finds the command named by the first argument.</summary>
public static class UpcareCommands
{
    private static readonly UpcareCommand[] All = [new SeedCommand(), new MigrateCommand(), new VerifyAuditCommand(), new ImportOrukCommand(), new ImportServiceUseCommand()];

    public static UpcareCommand? Find(string[] args) =>
        args.Length > 0 && !args[0].StartsWith('-') ? All.FirstOrDefault(c => c.Name == args[0]) ?? throw UnknownCommand(args[0]) : null;

    private static ArgumentException UnknownCommand(string name) =>
        new($"Unknown command '{name}'. Commands: {string.Join(", ", All.Select(c => c.Name))}.");
}

/// <summary><c>migrate</c>: applies the database migrations, so operators can migrate before a rollout.</summary>
public sealed class MigrateCommand : UpcareCommand
{
    public override string Name => "migrate";
    public override string Usage => "migrate";

    public override async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0)
        {
            return Fail($"unexpected argument '{args[0]}'");
        }
        await MigrateAsync(app);
        Console.WriteLine($"Database migrated ({app.Services.GetRequiredService<DatabaseInfo>().Provider}).");
        return 0;
    }
}

/// <summary>
/// <c>seed --people N [--services N] [--activity N] [--seed S]</c>: fills an empty database with a deterministic synthetic
/// population and directory; with <c>--activity</c> (PostgreSQL only), a region with two years of personalised care and
/// about N hospital activity records, written with binary COPY.
/// </summary>
public sealed class SeedCommand : UpcareCommand
{
    public override string Name => "seed";
    public override string Usage => "seed --people N [--services N] [--activity N] [--seed S]";

    public override async Task<int> RunAsync(WebApplication app, string[] args)
    {
        int? people = null;
        int? services = null;
        int? activity = null;
        var seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--people" when TryCount(value, out var n):
                    people = n;
                    i++;
                    break;
                case "--services" when TryCount(value, out var n):
                    services = n;
                    i++;
                    break;
                case "--activity" when TryCount(value, out var n):
                    activity = n;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--people" or "--services" or "--activity" or "--seed":
                    return Fail($"{args[i]} needs a whole number, not '{value}'");
                default:
                    return Fail($"unknown option '{args[i]}'");
            }
        }
        if (people is null && services is null)
        {
            return Fail("--people or --services is required");
        }
        var provider = app.Services.GetRequiredService<DatabaseInfo>().Provider;
        if (activity is not null && (people is null || provider != DatabaseProvider.Postgres))
        {
            return Fail("--activity needs --people and PostgreSQL (Database:Provider = Postgres)");
        }
        var most = activity is null ? PopulationGenerator.MaxPeople : PopulationGenerator.MaxBenchmarkPeople;
        if (people > most)
        {
            return Fail($"--people can be at most {most:N0}");
        }

        await MigrateAsync(app);
        try
        {
            if (activity is { } records)
            {
                await SeedDirectoryAsync(app, services ?? 500, seed);
                using var scope = app.Services.CreateScope();
                Console.WriteLine($"Seeding a region of {people:N0} synthetic people with about {records:N0} activity records, seed {seed}, into {provider}…");
                var bar = new ProgressBar(people!.Value, Console.Out, !Console.IsOutputRedirected);
                var stopwatch = Stopwatch.StartNew();
                var made = await scope.ServiceProvider.GetRequiredService<RegionSeeder>().SeedAsync(people.Value, records, seed, bar);
                bar.Finish();
                Console.WriteLine($"Seeded in {stopwatch.Elapsed.TotalSeconds:F1} s: {made}");
                return 0;
            }
            if (people is { } count)
            {
                using var scope = app.Services.CreateScope();
                Console.WriteLine($"Seeding {count:N0} synthetic people with seed {seed} into {provider}…");
                var bar = new ProgressBar(count, Console.Out, !Console.IsOutputRedirected);
                var stopwatch = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(count, seed, bar);
                bar.Finish();
                Console.WriteLine($"Seeded {count:N0} people in {stopwatch.Elapsed.TotalSeconds:F1} s ({count / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001):N0} people/s).");
            }
            if (services is { } n)
            {
                await SeedDirectoryAsync(app, n, seed);
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            return 1;
        }
        return 0;
    }

    private static async Task SeedDirectoryAsync(WebApplication app, int services, int seed)
    {
        using var scope = app.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<ServiceDirectory.DirectorySeeder>();
        var folder = DatabaseSetup.DataDirectory(app.Configuration, app.Environment.ContentRootPath);
        Console.WriteLine($"Loaded {await directory.LoadSyntheticPostcodesAsync(folder):N0} synthetic postcodes (ONSPD layout, {folder}).");
        Console.WriteLine($"Seeding {services:N0} synthetic community services with seed {seed}…");
        var bar = new ProgressBar(services, Console.Out, !Console.IsOutputRedirected);
        var stopwatch = Stopwatch.StartNew();
        await directory.SeedAsync(services, seed, bar);
        bar.Finish();
        Console.WriteLine($"Seeded {services:N0} services in {stopwatch.Elapsed.TotalSeconds:F1} s.");
    }

    private static bool TryCount(string? value, out int n) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) && n >= 0;
}

/// <summary>A text progress bar for long runs; prints a line per tenth when the output is not a terminal.</summary>
public sealed class ProgressBar(int total, TextWriter output, bool interactive) : IProgress<int>
{
    private const int Width = 40;
    private int _lastTenth = -1;

    public void Report(int done)
    {
        var fraction = total == 0 ? 1 : (double)done / total;
        if (interactive)
        {
            var filled = (int)(fraction * Width);
            output.Write($"\r[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {done:N0}/{total:N0}");
        }
        else if ((int)(fraction * 10) is var tenth && tenth != _lastTenth)
        {
            _lastTenth = tenth;
            output.WriteLine($"{fraction:P0} {done:N0}/{total:N0}");
        }
    }

    public void Finish()
    {
        if (interactive)
        {
            output.WriteLine();
        }
    }
}

/// <summary><c>verify-audit</c>: checks every link of the audit trail; exit code 0 when intact, 1 at the first broken link.</summary>
public sealed class VerifyAuditCommand : UpcareCommand
{
    public override string Name => "verify-audit";
    public override string Usage => "verify-audit";

    public override async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length > 0)
        {
            return Fail($"unexpected argument '{args[0]}'");
        }
        return await VerifyAsync(app.Services, Console.Out);
    }

    /// <summary>The check itself, writing its one-line report to <paramref name="output"/>.</summary>
    public static async Task<int> VerifyAsync(IServiceProvider services, TextWriter output)
    {
        using var scope = services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<AuditReader>().VerifyAsync();
        if (result.FirstBreak is { } broken)
        {
            await output.WriteLineAsync($"Audit trail BROKEN at entry {broken.Sequence}: {broken.Problem} ({result.EntriesChecked:N0} entries before it are intact.)");
            return 1;
        }
        await output.WriteLineAsync($"Audit trail intact: {result.EntriesChecked:N0} entries, every link checked.");
        return 0;
    }
}

/// <summary><c>import-oruk FILE-or-URL</c>: loads an Open Referral UK file, or another directory's ORUK API, into the directory.</summary>
public sealed class ImportOrukCommand : UpcareCommand
{
    public override string Name => "import-oruk";
    public override string Usage => "import-oruk FILE-or-URL";

    public override async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length != 1)
        {
            return Fail("give one file or one base address, e.g. https://directory.example/oruk");
        }
        await MigrateAsync(app);
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<ServiceDirectory.OrukImporter>();
        ServiceDirectory.ImportReport report;
        if (Uri.TryCreate(args[0], UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            using var http = scope.ServiceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(ServiceDirectory.ImportHttp.ClientName);
            report = await importer.ImportFromApiAsync(http, args[0]);
        }
        else if (File.Exists(args[0]))
        {
            report = await importer.ImportJsonAsync(await File.ReadAllTextAsync(args[0]));
        }
        else
        {
            return Fail($"no such file: {args[0]}");
        }
        return Print(report, Console.Out);
    }

    /// <summary>One line per item that is not unchanged, then the totals; exit code 1 when anything was rejected.</summary>
    public static int Print(ServiceDirectory.ImportReport report, TextWriter output)
    {
        foreach (var item in report.Items.Where(i => i.Outcome != ServiceDirectory.ImportOutcome.Unchanged || i.Notes.Count > 0))
        {
            output.WriteLine($"{item.Outcome,-9} {item.Kind} {item.Id} {item.Name}");
            foreach (var note in item.Notes)
            {
                output.WriteLine($"          - {note}");
            }
        }
        output.WriteLine($"Added {report.Count(ServiceDirectory.ImportOutcome.Added)}, changed {report.Count(ServiceDirectory.ImportOutcome.Changed)}, " +
            $"unchanged {report.Count(ServiceDirectory.ImportOutcome.Unchanged)}, rejected {report.Count(ServiceDirectory.ImportOutcome.Rejected)}.");
        return report.Count(ServiceDirectory.ImportOutcome.Rejected) > 0 ? 1 : 0;
    }
}

/// <summary><c>import-service-use FILE --source NAME</c>: loads GP and hospital activity (CSV, docs/service-use.md) for the before-and-after figures.</summary>
public sealed class ImportServiceUseCommand : UpcareCommand
{
    public override string Name => "import-service-use";
    public override string Usage => "import-service-use FILE --source NAME";

    public override async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length != 3 || args[1] != "--source")
        {
            return Fail("give one CSV file and the system it came from, e.g. import-service-use activity.csv --source practice-system");
        }
        if (!File.Exists(args[0]))
        {
            return Fail($"no such file: {args[0]}");
        }
        await MigrateAsync(app);
        using var scope = app.Services.CreateScope();
        using var file = new StreamReader(args[0], new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        ServiceUse.ServiceUseImportReport report;
        try
        {
            report = await scope.ServiceProvider.GetRequiredService<ServiceUse.ServiceUseImport>().ImportAsync(file, args[2]);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Fail($"{args[0]} is not UTF-8 text");
        }
        foreach (var refused in report.Rejected)
        {
            Console.WriteLine($"Rejected  {refused}");
        }
        Console.WriteLine($"Added {report.Added}, already held {report.AlreadyHeld}, rejected {report.Rejected.Count}.");
        return report.Rejected.Count > 0 ? 1 : 0;
    }
}
