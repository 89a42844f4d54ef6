using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>Who looked at or changed the signed-in person's record, when and why.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class RecordAccessModel(AuditReader audit, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Entries = await audit.LatestAsync(user.PersonId!.Value, refusedOnly: false, breakGlassOnly: false, before: null, ct);
}
