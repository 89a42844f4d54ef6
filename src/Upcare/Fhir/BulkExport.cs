using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.Fhir;

/// <summary>Where a Bulk Data export is.</summary>
public enum ExportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,

    /// <summary>Finished longer ago than the files are kept; the files are gone.</summary>
    Expired,
}

/// <summary>
/// One Bulk Data export asked for by a system: which resource types (and, for a Group export, whose), since when, how
/// far it has got, and the NDJSON files it made — kept for its requester to download.
/// </summary>
public class BulkExport
{
    public Guid Id { get; set; }
    public Guid RequestedByUserId { get; set; }
    public string RequestedByName { get; set; } = "";

    /// <summary>The kick-off request as the client sent it (the manifest repeats it).</summary>
    public string Request { get; set; } = "";

    /// <summary>The FHIR base the client called, for the files' addresses and the resources' canonical references.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The resource types, comma separated, already narrowed to the client's scopes.</summary>
    public string Types { get; set; } = "";

    /// <summary>The practice whose registered patients a Group export is about; null for the whole population.</summary>
    public Guid? GroupId { get; set; }

    public DateTime? Since { get; set; }
    public ExportStatus Status { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>How many resources are written so far, for the progress header.</summary>
    public long Written { get; set; }

    /// <summary>The files made: type, file name and count, as JSON.</summary>
    public string Files { get; set; } = "[]";
}

/// <summary>One NDJSON file of an export.</summary>
public sealed record ExportFile(string Type, string Name, long Count);

/// <summary>Table mapping for exports.</summary>
public class BulkExportConfiguration : IEntityTypeConfiguration<BulkExport>
{
    public void Configure(EntityTypeBuilder<BulkExport> b)
    {
        b.ToTable("BulkExports");
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.RequestedByName).HasMaxLength(200);
        b.Property(e => e.Request).HasMaxLength(2000);
        b.Property(e => e.BaseUrl).HasMaxLength(500);
        b.Property(e => e.Types).HasMaxLength(1000);
        b.Property(e => e.Error).HasMaxLength(2000);
        b.HasIndex(e => new { e.Status, e.RequestedAt });
    }
}

/// <summary>
/// FHIR Bulk Data export (asynchronous): a registered system asks for the population, or a practice's registered list,
/// in the types its scopes allow; a background worker streams each type into an NDJSON file (memory stays flat: rows
/// are read in a stream and written a batch at a time); the client polls the status and downloads the files.
/// </summary>
public sealed class BulkExports(UpcareDbContext db, CurrentUser user, IOptions<FhirOptions> options, IConfiguration configuration,
    IWebHostEnvironment environment, ExportSignal signal, TimeProvider clock)
{
    public string Folder(Guid id) => Path.Combine(DatabaseSetup.DataDirectory(configuration, environment.ContentRootPath), "exports", id.ToString("N"));

    /// <summary>Queues an export, after checking the client may export and what it asked for.</summary>
    public async Task<BulkExport> KickOffAsync(HttpContext http, string baseUrl, IReadOnlyList<FhirResourceType> served, Guid? group, CancellationToken ct)
    {
        var clientId = http.User.FindFirst("upcare:client")?.Value;
        var client = options.Value.Clients.FirstOrDefault(c => c.ClientId == clientId);
        if (client is not { BulkExport: true } || user.Id is not { } userId)
        {
            throw FhirException.Forbidden("Bulk Data export is for systems registered for it (a commissioner's data platform, say), with an access token from the token endpoint");
        }
        if (!http.Request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            throw FhirException.BadRequest("A Bulk Data export runs asynchronously: send Prefer: respond-async");
        }
        var format = http.Request.Query["_outputFormat"].ToString();
        if (format.Length > 0 && format is not ("application/fhir+ndjson" or "application/ndjson" or "ndjson"))
        {
            throw FhirException.BadRequest($"_outputFormat {format} is not supported: exports are application/fhir+ndjson");
        }
        DateTime? since = null;
        if (http.Request.Query["_since"].ToString() is { Length: > 0 } sinceText)
        {
            since = DateTimeOffset.TryParse(sinceText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var s)
                ? s.UtcDateTime : throw FhirException.BadRequest($"_since must be an instant, e.g. 2026-11-01T00:00:00Z, not '{sinceText}'");
        }
        var scopes = http.User.FindAll(FhirScopes.Claim).Select(c => c.Value).ToList();
        var candidates = served.Where(t => group is null || t.AboutPeople).Select(t => t.Type).ToList();
        var asked = http.Request.Query["_type"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (asked.FirstOrDefault(a => !candidates.Contains(a)) is { } unknown)
        {
            throw FhirException.BadRequest($"_type {unknown} cannot be exported{(group is null ? "" : " for a Group")}; these can: {string.Join(", ", candidates)}");
        }
        var types = (asked.Length > 0 ? asked.ToList() : candidates).Where(t => FhirScopes.Allows(scopes, t, 'r')).Distinct().ToList();
        if (types.Count == 0)
        {
            throw FhirException.Forbidden("The access token's scopes allow reading none of the types asked for");
        }
        if (group is { } practice && !await db.Organisations.AnyAsync(o => o.Id == practice && o.Kind == Organisations.OrganisationKind.GpPractice, ct))
        {
            throw FhirException.NotFound("Group", practice.ToString());
        }
        var export = new BulkExport
        {
            Id = Guid.NewGuid(), RequestedByUserId = userId, RequestedByName = user.Name, Request = $"{baseUrl}{http.Request.Path.Value?["/fhir".Length..]}{http.Request.QueryString}", BaseUrl = baseUrl,
            Types = string.Join(',', types), GroupId = group, Since = since, Status = ExportStatus.Queued, RequestedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.BulkExports.Add(export);
        db.AuditEntries.Add(Access.AuditEntry.From(new Access.AuditEvent(user.Id, user.AuditName, user.AuditRole, null, "fhir-bulk-export", $"GET {http.Request.Path}", AuditOutcome.Allowed,
            $"Export {export.Id} of {export.Types}{(group is null ? " for the whole population" : $" for the patients of practice {group}")}{(since is null ? "" : $" changed since {since:u}")}"), clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        signal.Queued();
        return export;
    }

    /// <summary>The most recent exports by every system, for administrators.</summary>
    public Task<List<BulkExport>> RecentAsync(int count, CancellationToken ct) =>
        db.BulkExports.AsNoTracking().OrderByDescending(e => e.RequestedAt).Take(count).ToListAsync(ct);

    /// <summary>The requester's own export; null for anyone else's (shown as not found).</summary>
    public Task<BulkExport?> FindAsync(Guid id, CancellationToken ct) =>
        db.BulkExports.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id && e.RequestedByUserId == user.Id, ct);

    /// <summary>Stops a running or queued export, or deletes a finished one's files.</summary>
    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        var export = await db.BulkExports.FirstOrDefaultAsync(e => e.Id == id && e.RequestedByUserId == user.Id, ct);
        if (export is null)
        {
            return false;
        }
        export.Status = ExportStatus.Cancelled;
        await db.SaveChangesAsync(ct);
        if (Directory.Exists(Folder(id)))
        {
            Directory.Delete(Folder(id), recursive: true);
        }
        return true;
    }

    /// <summary>The manifest of a finished export (the Bulk Data "complete status" body).</summary>
    public static object Manifest(BulkExport export) => new
    {
        transactionTime = new DateTimeOffset(DateTime.SpecifyKind(export.StartedAt ?? export.RequestedAt, DateTimeKind.Utc)).ToString("o"),
        request = export.Request,
        requiresAccessToken = true,
        output = JsonSerializer.Deserialize<List<ExportFile>>(export.Files)!.Select(f => new { type = f.Type, url = $"{export.BaseUrl}/$export-file/{export.Id}/{f.Name}", count = f.Count }),
        error = Array.Empty<object>(),
    };
}

/// <summary>Wakes this instance's export worker when a job is queued here, so it starts at once rather than at the next poll.</summary>
public sealed class ExportSignal
{
    private readonly SemaphoreSlim _queued = new(0);

    public void Queued()
    {
        if (_queued.CurrentCount == 0)
        {
            _queued.Release();
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _queued.WaitAsync(timeout, ct);
}

/// <summary>Runs queued exports, one at a time per instance; a job is claimed by a conditional update, so two instances never run the same one.</summary>
public sealed class BulkExportWorker(IServiceScopeFactory scopes, ExportSignal signal, IOptions<FhirOptions> options, ILogger<BulkExportWorker> logger, TimeProvider clock) : BackgroundService
{
    private DateTime _lastSweep = DateTime.MinValue;
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs queued on another instance are found by polling; those queued here wake the worker at once.
        while (!stoppingToken.IsCancellationRequested)
        {
            await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
                if (clock.GetUtcNow().UtcDateTime - _lastSweep > TimeSpan.FromMinutes(1))
                {
                    _lastSweep = clock.GetUtcNow().UtcDateTime;
                    await ExpireAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Bulk export worker failed; trying again");
            }
        }
    }

    /// <summary>Deletes the files of exports finished longer ago than they are kept, and says so in their status.</summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        var exports = scope.ServiceProvider.GetRequiredService<BulkExports>();
        var before = clock.GetUtcNow().UtcDateTime - options.Value.ExportFilesKept;
        var old = await db.BulkExports.Where(e => (e.Status == ExportStatus.Completed || e.Status == ExportStatus.Failed) && e.CompletedAt < before).ToListAsync(ct);
        foreach (var export in old)
        {
            if (Directory.Exists(exports.Folder(export.Id)))
            {
                Directory.Delete(exports.Folder(export.Id), recursive: true);
            }
            export.Status = ExportStatus.Expired;
        }
        await db.SaveChangesAsync(ct);
        return old.Count;
    }

    /// <summary>Claims and runs the oldest queued export; false when there was none.</summary>
    public async Task<bool> RunNextAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        var next = await db.BulkExports.AsNoTracking().Where(e => e.Status == ExportStatus.Queued).OrderBy(e => e.RequestedAt).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (next is not { } id)
        {
            return false;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.BulkExports.Where(e => e.Id == id && e.Status == ExportStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Running).SetProperty(e => e.StartedAt, now), ct) == 0)
        {
            return true; // another instance took it
        }
        var export = await db.BulkExports.AsNoTracking().FirstAsync(e => e.Id == id, ct);
        try
        {
            var (files, people) = await ExportAsync(export, scope.ServiceProvider, ct);
            var done = clock.GetUtcNow().UtcDateTime;
            // The export is done, and each person whose record went into it is audited, in one transaction or not at all:
            // the person then sees the export under "who has looked at my record".
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.BulkExports.Where(e => e.Id == id && e.Status == ExportStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExportStatus.Completed).SetProperty(e => e.CompletedAt, done)
                .SetProperty(e => e.Files, JsonSerializer.Serialize(files, (JsonSerializerOptions?)null)), ct);
            var summary = $"Export {id}: {string.Join(", ", files.Select(f => $"{f.Count} {f.Type}"))}";
            db.AuditEntries.Add(Access.AuditEntry.From(new Access.AuditEvent(export.RequestedByUserId, export.RequestedByName, "System", null, "fhir-bulk-export-done",
                "Bulk export worker", AuditOutcome.Allowed, summary), done));
            db.AuditEntries.AddRange(people.Select(person => Access.AuditEntry.From(new Access.AuditEvent(export.RequestedByUserId, export.RequestedByName, "System", person,
                "fhir-bulk-export-record", "Bulk export worker", AuditOutcome.Allowed, $"Export {id} by {export.RequestedByName}: {string.Join(", ", files.Select(f => f.Type))}"), done)));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            scope.ServiceProvider.GetRequiredService<AuditChainer>().Nudge();
            logger.LogInformation("Bulk export {Id} done: {Files}", id, string.Join(", ", files.Select(f => $"{f.Count} {f.Type}")));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Bulk export {Id} failed", id);
            await db.BulkExports.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ExportStatus.Failed)
                .SetProperty(x => x.Error, e.Message.Length > 1900 ? e.Message[..1900] : e.Message).SetProperty(x => x.CompletedAt, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
        }
        return true;
    }

    private static async Task<(List<ExportFile> Files, HashSet<Guid> People)> ExportAsync(BulkExport export, IServiceProvider services, CancellationToken ct)
    {
        var exports = services.GetRequiredService<BulkExports>();
        var folder = exports.Folder(export.Id);
        Directory.CreateDirectory(folder);
        var baseUrl = export.BaseUrl;
        // One context streams the rows, another looks up what the mapping needs.
        using var mappingScope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
        var reading = new FhirRequest(services.GetRequiredService<UpcareDbContext>(), services.GetRequiredService<PersonAccess>(), services, null, baseUrl);
        var mapping = new FhirRequest(mappingScope.ServiceProvider.GetRequiredService<UpcareDbContext>(), mappingScope.ServiceProvider.GetRequiredService<PersonAccess>(),
            mappingScope.ServiceProvider, null, baseUrl);
        IQueryable<Guid>? group = export.GroupId is { } practice ? reading.Db.People.Where(p => p.GpPracticeId == practice).Select(p => p.Id) : null;
        var types = FhirResourceType.All(services).Where(t => export.Types.Split(',').Contains(t.Type)).ToList();
        var files = new List<ExportFile>();
        var people = new HashSet<Guid>();
        long written = 0;
        foreach (var type in types)
        {
            var name = $"{type.Type}.ndjson";
            long count = 0;
            await using (var file = new FileStream(Path.Combine(folder, name), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                // One writer for the whole file, reset after each line: NDJSON is one resource a line.
                await using var json = new Utf8JsonWriter(file, new JsonWriterOptions { SkipValidation = true });
                await foreach (var (resource, person) in type.ExportAsync(reading, mapping, group, ct))
                {
                    if (export.Since is { } since && resource.Meta?.LastUpdated is { } updated && updated.UtcDateTime < since)
                    {
                        continue;
                    }
                    if (person is { } about)
                    {
                        people.Add(about);
                    }
                    JsonSerializer.Serialize(json, resource, Json);
                    json.Flush();
                    file.WriteByte((byte)'\n');
                    json.Reset();
                    count++;
                    if (++written % 10_000 == 0)
                    {
                        var progress = written;
                        // On the mapping context: the reading one is busy streaming rows.
                        await mapping.Db.BulkExports.Where(e => e.Id == export.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Written, progress), ct);
                    }
                }
            }
            if (count == 0)
            {
                File.Delete(Path.Combine(folder, name));
                continue;
            }
            files.Add(new ExportFile(type.Type, name, count));
        }
        return (files, people);
    }
}
