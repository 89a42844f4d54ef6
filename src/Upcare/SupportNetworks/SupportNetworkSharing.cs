using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.SupportNetworks;

/// <summary>Someone in the person's care team, and whether they can see the support network now.</summary>
public sealed record ShareChoice(Guid UserId, string Name, string Role, Guid? ShareId, DateTime? SharedAt, bool RecordedByPractitioner);

/// <summary>
/// Who sees a person's support network: the person shares it with people in their care team and withdraws it; a
/// practitioner may record the person's agreement given in conversation, but never after the person withdrew it from them.
/// </summary>
public sealed class SupportNetworkSharing(UpcareDbContext db, SupportNetworkAccess networkAccess, PersonAccess access, CaseloadService caseloads, TimeProvider clock)
{
    private CurrentUser User => networkAccess.User;

    /// <summary>The person's care team, each with whether they see the network, and anyone else it is shared with.</summary>
    public async Task<List<ShareChoice>> ChoicesAsync(Guid personId, CancellationToken ct = default)
    {
        var shares = await db.SupportNetworkShares.AsNoTracking().Where(s => s.PersonId == personId && s.WithdrawnAt == null).ToListAsync(ct);
        var team = await caseloads.CareTeamAsync(personId, ct);
        var choices = team.Select(m => (m.UserId, m.Name, Role: UserRoles.Label(m.Role))).ToList();
        choices.AddRange(shares.Where(s => team.All(m => m.UserId != s.UserId)).Select(s => (s.UserId, Name: s.UserName,
            Role: s.AgreementRecordedByPractitioner ? "Not on a caseload of yours" : "No longer in your care team")));
        return choices.Select(c => shares.FirstOrDefault(s => s.UserId == c.UserId) is { } s
                ? new ShareChoice(c.UserId, c.Name, c.Role, s.Id, s.SharedAt, s.AgreementRecordedByPractitioner)
                : new ShareChoice(c.UserId, c.Name, c.Role, null, null, false))
            .OrderBy(c => c.Name).ToList();
    }

    /// <summary>The person shares their network with these members of their care team.</summary>
    public async Task<Result> ShareAsync(Guid personId, IReadOnlyCollection<Guid> userIds, CancellationToken ct = default)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            return Result.Refused("Only the person shares their support network");
        }
        var choices = await ChoicesAsync(personId, ct);
        var chosen = choices.Where(c => userIds.Contains(c.UserId) && c.ShareId is null).ToList();
        if (chosen.Count == 0 || userIds.Any(id => choices.All(c => c.UserId != id)))
        {
            return Result.Invalid([new("UserIds", choices.Any(c => c.ShareId is null)
                ? "Select who in your care team may see your support network"
                : "Everyone in your care team can already see your support network")]);
        }
        foreach (var c in chosen)
        {
            Add(personId, c.UserId, c.Name, recordedByPractitioner: false);
            access.Stage(personId, "support-network-shared", networkAccess.Route, $"{c.Name} may see the support network");
        }
        return await SaveAsync(chosen.Count == 1 ? $"{chosen[0].Name} can now see your support network" : $"{chosen.Count} people can now see your support network", ct);
    }

    /// <summary>The person stops sharing with someone; their next look is refused, and only the person can share again.</summary>
    public async Task<Result> WithdrawAsync(Guid personId, Guid shareId, CancellationToken ct = default)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            return Result.Refused("Only the person withdraws who sees their support network");
        }
        var share = await db.SupportNetworkShares.FirstOrDefaultAsync(s => s.Id == shareId && s.PersonId == personId && s.WithdrawnAt == null, ct);
        if (share is null)
        {
            return Result.NotFound("They cannot see your support network now");
        }
        share.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        access.Stage(personId, "support-network-share-withdrawn", networkAccess.Route, $"{share.UserName} may no longer see the support network");
        return await SaveAsync($"{share.UserName} can no longer see your support network", ct);
    }

    /// <summary>A practitioner in the person's care records that the person agreed, in conversation, to share the network with them.</summary>
    public async Task<Result> RecordAgreementAsync(Guid personId, bool agreed, CancellationToken ct = default)
    {
        var decision = await networkAccess.DecideAsync(personId, ct);
        if (decision.Allowed)
        {
            return Result.Ok("You can already see this support network");
        }
        if (!decision.MayRecordAgreement)
        {
            await access.RecordAsync(personId, "support-network-agreement", networkAccess.Route, AuditOutcome.Refused, decision.Reason);
            return Result.Refused(decision.Reason);
        }
        if (!agreed)
        {
            return Result.Invalid([new("Agreed", "Confirm that they agreed to share their support network with you")]);
        }
        Add(personId, User.Id!.Value, User.Name, recordedByPractitioner: true);
        access.Stage(personId, "support-network-shared", networkAccess.Route, $"{User.Name} recorded the person's agreement to share the support network with them");
        return await SaveAsync("Their agreement is recorded. They can see it under who has looked at their record, and stop sharing at any time", ct);
    }

    private void Add(Guid personId, Guid userId, string name, bool recordedByPractitioner) => db.SupportNetworkShares.Add(new SupportNetworkShare
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        UserId = userId,
        UserName = name,
        SharedAt = clock.GetUtcNow().UtcDateTime,
        AgreementRecordedByPractitioner = recordedByPractitioner,
    });

    private async Task<Result> SaveAsync(string done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok(done);
        }
        catch (DbUpdateException)
        {
            // Two shares with the same person at once: the unique index keeps one; this one changed nothing.
            return Result.Conflict("Who can see the support network changed while you were looking. It is shown below as it is now");
        }
    }
}
