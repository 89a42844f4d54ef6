using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.Messaging;

/// <summary>
/// What an administrator does about a message that did not go: try a failed one again, or record that a held one was
/// sent another way (in the person's format). Each change commits with its audit entry, and only from the state it was
/// seen in, so two administrators acting at once cannot undo each other.
/// </summary>
public class OutboxAdministration(UpcareDbContext db, PersonAccess access, CurrentUser user, TimeProvider clock)
{
    public const string Route = "POST /admin/outbox";

    public Task<Result> TryAgainAsync(Guid id, CancellationToken ct = default) =>
        ChangeAsync(id, [OutboxStatus.Failed], "outbox-tried-again", "Message to be sent again", "It will be sent again in the next few seconds.",
            s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.Attempts, 0).SetProperty(m => m.NextAttemptAt, (DateTime?)null)
                .SetProperty(m => m.LastError, (string?)null), ct);

    public Task<Result> MarkSentByStaffAsync(Guid id, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return ChangeAsync(id, [OutboxStatus.HeldForFormat, OutboxStatus.Failed], "outbox-sent-by-staff", $"Sent another way, recorded by {user.Name}",
            "Recorded as sent another way.",
            s => s.SetProperty(m => m.Status, OutboxStatus.SentByStaff).SetProperty(m => m.SentAt, now).SetProperty(m => m.LastError, (string?)null), ct);
    }

    private async Task<Result> ChangeAsync(Guid id, OutboxStatus[] from, string action, string detail, string done,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMessage>> change, CancellationToken ct)
    {
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.PersonId, m.Subject }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return Result.NotFound("There is no such message in the outbox.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.OutboxMessages.Where(m => m.Id == id && from.Contains(m.Status)).ExecuteUpdateAsync(change, ct);
        if (changed == 0)
        {
            return Result.Conflict("Someone else has dealt with this message since you looked: check its state below.");
        }
        access.Stage(message.PersonId, action, Route, $"{detail}: '{message.Subject}'");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(done);
    }
}
