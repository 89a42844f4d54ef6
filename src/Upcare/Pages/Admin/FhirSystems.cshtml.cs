using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Fhir;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The systems registered for the FHIR API (from configuration), whom each acts as, and the recent Bulk Data exports.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class FhirSystemsModel(IOptions<FhirOptions> options, UpcareDbContext db, BulkExports exports) : UpcarePageModel
{
    public sealed record SystemRow(BackendClient Client, string Organisation, int Keys, DateTime? LastSeen);

    public IReadOnlyList<SystemRow> Systems { get; private set; } = [];
    public IReadOnlyList<BulkExport> Exports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        var accounts = options.Value.Clients.Select(c => BackendServices.AccountName(c.ClientId) + BackendServices.AccountDomain).ToList();
        var seen = await db.Users.AsNoTracking().Where(u => accounts.Contains(u.Email!))
            .Select(u => new { u.Email, Last = db.AuditEntries.Where(a => a.UserId == u.Id).Max(a => (DateTime?)a.At) }).ToListAsync(ct);
        Systems = [.. options.Value.Clients.Select(c => new SystemRow(c, c.OrganisationCode is { } code ? organisations.GetValueOrDefault(code, $"{code} (not on Upcare)") : "none",
            KeysIn(c.Jwks), seen.FirstOrDefault(s => s.Email == BackendServices.AccountName(c.ClientId) + BackendServices.AccountDomain)?.Last))];
        Exports = await exports.RecentAsync(20, ct);
    }

    /// <summary>How many keys a registered JWK set holds; 0 when it cannot be read (the system cannot get a token).</summary>
    private static int KeysIn(string jwks)
    {
        try
        {
            return JsonDocument.Parse(jwks).RootElement.GetProperty("keys").GetArrayLength();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return 0;
        }
    }

    public static string Files(BulkExport export) =>
        string.Join(", ", JsonSerializer.Deserialize<List<ExportFile>>(export.Files)!.Select(f => $"{f.Count:N0} {f.Type}"));
}
