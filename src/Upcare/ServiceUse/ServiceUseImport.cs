using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.ServiceUse;

/// <summary>What an import did: rows added, rows already held (by source and record id), and each refused row with why.</summary>
public sealed record ServiceUseImportReport(int Added, int AlreadyHeld, IReadOnlyList<string> Rejected);

/// <summary>
/// Imports GP and hospital activity from CSV in the documented layout (docs/service-use.md):
/// <c>record_id,nhs_number,kind,date</c>, one contact a row. Each row is matched to a person by NHS number; a row
/// already imported from the same source (same record id) is not added again, so a file can be sent twice.
/// </summary>
public sealed class ServiceUseImport(UpcareDbContext db, TimeProvider clock)
{
    public const string Header = "record_id,nhs_number,kind,date";
    private const int Batch = 2000;

    /// <summary>The kinds as the file writes them.</summary>
    public static readonly IReadOnlyDictionary<string, ServiceUseKind> Kinds = new Dictionary<string, ServiceUseKind>
    {
        ["gp-appointment"] = ServiceUseKind.GpAppointment,
        ["ae-attendance"] = ServiceUseKind.AandEAttendance,
        ["emergency-admission"] = ServiceUseKind.EmergencyAdmission,
    };

    private sealed record Row(int Line, string RecordId, string NhsNumber, ServiceUseKind Kind, DateOnly On);

    public async Task<ServiceUseImportReport> ImportAsync(TextReader csv, string source, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Length > 100 || source.Any(char.IsControl))
        {
            return new ServiceUseImportReport(0, 0, ["Give the source a name of 1 to 100 characters, e.g. the system the file came from"]);
        }
        var header = await csv.ReadLineAsync(ct);
        if (header?.Trim().TrimStart('\uFEFF') != Header)
        {
            return new ServiceUseImportReport(0, 0, [$"Line 1: the first line must be the header {Header}"]);
        }
        var today = UkTime.Today(clock);
        var rejected = new List<string>();
        var rows = new List<Row>();
        var seen = new HashSet<string>();
        var line = 1;
        while (await csv.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }
            var cells = text.Split(',');
            if (cells.Length != 4)
            {
                rejected.Add($"Line {line}: expected 4 values ({Header}), found {cells.Length}");
                continue;
            }
            var (recordId, nhs, kindText, dateText) = (cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim());
            if (recordId.Length is 0 or > 100 || recordId.Any(char.IsControl))
            {
                rejected.Add($"Line {line}: record_id must be 1 to 100 characters");
            }
            else if (!seen.Add(recordId))
            {
                rejected.Add($"Line {line}: record_id {recordId} is in the file twice");
            }
            else if (!NhsNumber.TryParse(nhs, out var number))
            {
                rejected.Add($"Line {line}: {nhs} is not a valid NHS number (10 digits with a correct check digit)");
            }
            else if (!Kinds.TryGetValue(kindText, out var kind))
            {
                rejected.Add($"Line {line}: kind must be one of {string.Join(", ", Kinds.Keys)}, not '{kindText}'");
            }
            else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on > today)
            {
                rejected.Add($"Line {line}: date must be a day no later than today, written like 2026-03-31, not '{dateText}'");
            }
            else
            {
                rows.Add(new Row(line, recordId, number.Value, kind, on));
            }
        }
        var (added, held) = (0, 0);
        foreach (var chunk in rows.Chunk(Batch))
        {
            var numbers = chunk.Select(r => r.NhsNumber).Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => numbers.Contains(p.NhsNumber)).ToDictionaryAsync(p => p.NhsNumber, p => p.Id, ct);
            var ids = chunk.Select(r => r.RecordId).ToList();
            var already = (await db.ServiceUseEvents.AsNoTracking().Where(e => e.Source == source && ids.Contains(e.RecordId)).Select(e => e.RecordId).ToListAsync(ct)).ToHashSet();
            foreach (var row in chunk)
            {
                if (already.Contains(row.RecordId))
                {
                    held++;
                }
                else if (!people.TryGetValue(row.NhsNumber, out var personId))
                {
                    rejected.Add($"Line {row.Line}: no one with NHS number {row.NhsNumber} is on Upcare");
                }
                else
                {
                    db.ServiceUseEvents.Add(new ServiceUseEvent { Id = Guid.NewGuid(), PersonId = personId, Kind = row.Kind, On = row.On, Source = source, RecordId = row.RecordId });
                    added++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new ServiceUseImportReport(added, held, rejected.OrderBy(r => int.Parse(r.Split(' ', ':')[1], CultureInfo.InvariantCulture)).ToList());
    }
}
