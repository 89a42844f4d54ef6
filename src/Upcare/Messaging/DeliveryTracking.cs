using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;

namespace Upcare.Messaging;

/// <summary>
/// Follows each sent message's delivery with GOV.UK Notify until it is final (delivered, or definitely not), for the
/// seven days Notify keeps it, so the person and administrators see what became of it.
/// </summary>
public sealed class DeliveryTracking(UpcareDbContext db, NotifyGateway notify, IOptions<NotifyOptions> options, TimeProvider clock)
{
    /// <summary>Notify's statuses after which nothing more happens to a message.</summary>
    public static readonly IReadOnlySet<string> Final = new HashSet<string>(StringComparer.Ordinal)
    {
        "delivered", "permanent-failure", "temporary-failure", "technical-failure", "received", "cancelled", "validation-failed", "virus-scan-failed",
    };

    /// <summary>Asks for the status of sent messages not checked lately; returns how many changed.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var checkedBefore = now - o.CheckDeliveryEvery;
        var sentAfter = now - o.FollowDeliveryFor;
        var following = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sent && m.ProviderId != null && m.DeliveryFinalAt == null && m.SentAt > sentAfter)
            .Where(m => m.DeliveryCheckedAt == null || m.DeliveryCheckedAt <= checkedBefore)
            .OrderBy(m => m.DeliveryCheckedAt).Take(o.BatchSize).ToListAsync(ct);
        if (following.Count == 0)
        {
            return 0;
        }
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string?>();
        await Parallel.ForEachAsync(following, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ct },
            async (m, _) => statuses[m.Id] = await notify.StatusAsync(m.ProviderId!));
        var changed = 0;
        foreach (var m in following)
        {
            m.DeliveryCheckedAt = now;
            if (statuses.GetValueOrDefault(m.Id) is not { } status || status == m.DeliveryStatus)
            {
                continue;
            }
            m.DeliveryStatus = status;
            m.DeliveryFinalAt = Final.Contains(status) ? now : null;
            changed++;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return changed;
    }
}

/// <summary>What a message's state means to the person it is for and to an administrator, in plain words.</summary>
public static class OutboxLabels
{
    public static string State(OutboxMessage m) => m.Status switch
    {
        OutboxStatus.Queued when m.Attempts > 0 => "Waiting to be tried again",
        OutboxStatus.Queued or OutboxStatus.Sending => "Waiting to be sent",
        OutboxStatus.Sent => Delivery(m.DeliveryStatus),
        OutboxStatus.Failed => "Not sent",
        OutboxStatus.HeldForFormat => "Held to be sent in your format",
        OutboxStatus.SentByStaff => "Sent to you in your format",
        _ => m.Status.ToString(),
    };

    /// <summary>GOV.UK Notify's delivery statuses for email, text messages and letters, as a person would say them.</summary>
    public static string Delivery(string? status) => status switch
    {
        null or "created" or "sending" or "pending" or "pending-virus-check" => "Sent",
        "delivered" => "Delivered",
        "accepted" => "Being printed",
        "received" => "Posted",
        "permanent-failure" => "Not delivered: the address or number was not recognised",
        "temporary-failure" => "Not delivered: the inbox was full or the phone was off",
        "technical-failure" => "Not delivered: a technical problem at GOV.UK Notify",
        "cancelled" => "Not posted: cancelled",
        "validation-failed" or "virus-scan-failed" => "Not posted: the letter did not pass GOV.UK Notify's checks",
        _ => status,
    };

}
