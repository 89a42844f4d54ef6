using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.People;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The audit trail for administrators: filter by person, refusals and break glass; check the chain.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class AuditModel(AuditReader audit, PersonService people, PersonAccess access) : UpcarePageModel
{
    [BindProperty(SupportsGet = true)] public string? NhsNumber { get; set; }
    [BindProperty(SupportsGet = true)] public bool Refused { get; set; }
    [BindProperty(SupportsGet = true)] public bool BreakGlass { get; set; }
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public string? PersonName { get; private set; }
    public AuditVerification? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Guid? personId = null;
        if (!string.IsNullOrWhiteSpace(NhsNumber))
        {
            var person = Upcare.People.NhsNumber.Normalise(NhsNumber) is null ? null : await people.FindByNhsNumberAsync(NhsNumber, ct);
            if (person is null)
            {
                ShowError(nameof(NhsNumber), Upcare.People.NhsNumber.Normalise(NhsNumber) is null
                    ? "NHS number must be 10 digits"
                    : "No one with this NHS number is on Upcare");
                return;
            }
            personId = person.Id;
            PersonName = person.FullName;
        }
        Entries = await audit.LatestAsync(personId, Refused, BreakGlass, Before, ct);
        await RecordNamedAsync(personId, ct);
    }

    /// <summary>The page names people (the one filtered to, people acting on their own accounts): each is a look at them.</summary>
    private async Task RecordNamedAsync(Guid? personId, CancellationToken ct) =>
        await access.RecordShownAsync(await audit.PeopleNamedAsync(Entries, personId, ct), "audit-trail-read", "GET /admin/audit", "Named on the audit trail page");

    /// <summary>Walks the whole chain; a read-only check, so it is a GET a bookmark can repeat.</summary>
    public async Task OnGetVerifyAsync(CancellationToken ct)
    {
        Verification = await audit.VerifyAsync(ct);
        Entries = await audit.LatestAsync(null, false, false, null, ct);
        await RecordNamedAsync(null, ct);
    }
}
