using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.SupportNetworks;

/// <summary>Whether this user may see and work on a person's support network, and if not, whether they may record the person's agreement.</summary>
public sealed record SupportNetworkDecision(bool Allowed, bool Own, string Reason, bool MayRecordAgreement = false, DateTime? WithdrawnAt = null);

/// <summary>
/// The one rule for who sees a support network: the person; and staff with a care relationship only once the person
/// has shared it with them. Every page, the API and the care plan ask here; every refusal is audited.
/// </summary>
public sealed class SupportNetworkAccess(UpcareDbContext db, PersonAccess access, IHttpContextAccessor http)
{
    public CurrentUser User => access.User;

    /// <summary>The route of the request being answered, for its audit entries: the page, the API or the plan it came through.</summary>
    public string Route => http.HttpContext is { } context ? AuditingResultHandler.RouteOf(context) : "(no request)";

    public async Task<SupportNetworkDecision> DecideAsync(Guid personId, CancellationToken ct = default)
    {
        var user = access.User;
        if (user.Role == UserRole.Person)
        {
            return user.PersonId == personId
                ? new(true, true, "Their own support network")
                : new(false, false, "A support network is seen only by the person and those they share it with");
        }
        var record = await access.DecideAsync(personId, AccessPurpose.Write, ct);
        if (!record.Allowed)
        {
            return new(false, false, record.Reason);
        }
        var userId = user.Id!.Value;
        var shares = await db.SupportNetworkShares.AsNoTracking().Where(s => s.PersonId == personId && s.UserId == userId)
            .Select(s => new { s.WithdrawnAt }).ToListAsync(ct);
        if (shares.Any(s => s.WithdrawnAt is null))
        {
            return new(true, false, "Shared with them by the person");
        }
        var withdrawn = shares.Max(s => s.WithdrawnAt);
        return withdrawn is not null
            ? new(false, false, "The person stopped sharing their support network with this user", WithdrawnAt: withdrawn)
            // Break glass opens the clinical record in an emergency, not what the person keeps about their own life.
            : new(false, false, "The person has not shared their support network with this user", MayRecordAgreement: !record.BreakGlass);
    }

    /// <summary>Decides, and writes a refusal to the audit trail (the person sees it under "who has looked at my record").</summary>
    public async Task<SupportNetworkDecision> CheckAsync(Guid personId, string action, CancellationToken ct = default)
    {
        var decision = await DecideAsync(personId, ct);
        if (!decision.Allowed)
        {
            await access.RecordAsync(personId, action, Route, AuditOutcome.Refused, decision.Reason);
        }
        return decision;
    }
}
