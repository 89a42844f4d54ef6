using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.People;

namespace Upcare.Messaging;

/// <summary>What one run of the sender did.</summary>
public sealed record SendReport(int Sent, int Failed, int Retrying, int Held, int Released)
{
    public int Total => Sent + Failed + Retrying + Held;

    public override string ToString() =>
        $"sent {Sent}, failed {Failed}, to try again {Retrying}, held for another format {Held}, taken back from a stopped sender {Released}";
}

/// <summary>
/// Sends the outbox through GOV.UK Notify, each message exactly once however many instances run: a batch is claimed in
/// one conditional update (only rows still queued), so no two senders hold the same message; each message's reference
/// is its id, so one that may have reached Notify (a timeout, a 5xx, a sender that died) is looked up before it is sent
/// again. Failures wait and double; refusals and too many failures end as Failed, shown to administrators; letters to
/// people who need another format are held for staff. Every message ends sent, failed visibly, held or still queued.
/// </summary>
public sealed class OutboxSender(UpcareDbContext db, NotifyGateway notify, AccessibleInformation accessible, IOptions<NotifyOptions> options, TimeProvider clock)
{
    private NotifyOptions O => options.Value;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Longer than a whole batch can take (two requests a message, each up to the timeout), so a live sender's claim never
    /// expires under it; only a stopped sender's does.
    /// </summary>
    public TimeSpan ClaimLasts => O.RequestTimeout * 2 * Math.Ceiling((double)O.BatchSize / O.Parallelism) + TimeSpan.FromMinutes(1);

    public async Task<SendReport> SendDueAsync(CancellationToken ct = default)
    {
        var released = await ReleaseStoppedClaimsAsync(ct);
        var now = Now;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(O.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new SendReport(0, 0, 0, 0, released);
        }
        var token = Guid.NewGuid();
        await db.OutboxMessages.Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedAt, now), ct);
        var claimed = await db.OutboxMessages.Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Sending).ToListAsync(ct);

        var held = await HoldForFormatAsync(claimed, ct);
        var answers = new ConcurrentDictionary<Guid, SendAnswer>();
        try
        {
            await Parallel.ForEachAsync(claimed.Where(m => m.Status == OutboxStatus.Sending), new ParallelOptions { MaxDegreeOfParallelism = O.Parallelism, CancellationToken = ct },
                async (m, _) => answers[m.Id] = await AttemptAsync(m));
        }
        catch (OperationCanceledException)
        {
            // Stopping (shutdown, or the lease moved): what was answered is recorded below; the rest goes back untried.
        }
        var report = Settle(claimed, answers, held, released);
        // Recorded even when stopping: these messages are already with Notify, or not, and the record must say which.
        await db.SaveChangesAsync(CancellationToken.None);
        return report;
    }

    private async Task<SendAnswer> AttemptAsync(OutboxMessage m)
    {
        if (Unsendable(m) is { } why)
        {
            return new SendAnswer(SendOutcome.Refused, null, why);
        }
        if (m.MayHaveBeenSent)
        {
            var found = await notify.FindAsync(m.Id);
            if (!found.Answered)
            {
                return new SendAnswer(SendOutcome.Unknown, null, found.Error);
            }
            if (found.ProviderId is { } id)
            {
                return new SendAnswer(SendOutcome.Accepted, id, null);
            }
        }
        return await notify.SendAsync(m);
    }

    private static string? Unsendable(OutboxMessage m) => m.Channel switch
    {
        _ when m.Channel != ContactMethod.Letter && string.IsNullOrWhiteSpace(m.To) => "Upcare holds no email address or mobile number to send it to.",
        // Notify prints a letter only with at least three address lines, the postcode last: a name alone will not do.
        ContactMethod.Letter when (m.LetterAddress ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length < 3 =>
            "Upcare holds no full postal address for this person: add it to their record, then try again.",
        _ => null,
    };

    private async Task<int> HoldForFormatAsync(List<OutboxMessage> claimed, CancellationToken ct)
    {
        var letters = claimed.Where(m => m.Channel == ContactMethod.Letter).Select(m => m.PersonId).Distinct().ToList();
        var needs = await accessible.FormatNeedsAsync(letters, ct);
        var held = 0;
        foreach (var m in claimed.Where(m => m.Channel == ContactMethod.Letter && needs.ContainsKey(m.PersonId)))
        {
            m.Status = OutboxStatus.HeldForFormat;
            m.LastError = $"Needs information as: {needs[m.PersonId]}. Send it in that format, then mark it sent.";
            m.ClaimToken = null;
            m.ClaimedAt = null;
            held++;
        }
        return held;
    }

    private SendReport Settle(List<OutboxMessage> claimed, ConcurrentDictionary<Guid, SendAnswer> answers, int held, int released)
    {
        int sent = 0, failed = 0, retrying = 0;
        var now = Now;
        foreach (var m in claimed.Where(m => m.Status == OutboxStatus.Sending))
        {
            m.ClaimToken = null;
            m.ClaimedAt = null;
            if (!answers.TryGetValue(m.Id, out var answer))
            {
                m.Status = OutboxStatus.Queued;
                continue;
            }
            switch (answer.Outcome)
            {
                case SendOutcome.Accepted:
                    m.Status = OutboxStatus.Sent;
                    m.ProviderId = answer.ProviderId;
                    m.SentAt = now;
                    m.LastError = null;
                    m.MayHaveBeenSent = false;
                    m.NextAttemptAt = null;
                    sent++;
                    break;
                case SendOutcome.Refused:
                    m.Attempts++;
                    m.Status = OutboxStatus.Failed;
                    m.LastError = answer.Error;
                    failed++;
                    break;
                default:
                    m.Attempts++;
                    m.MayHaveBeenSent |= answer.Outcome == SendOutcome.Unknown;
                    if (m.Attempts >= O.MaxAttempts)
                    {
                        m.Status = OutboxStatus.Failed;
                        m.LastError = $"Gave up after {m.Attempts} attempts. The last: {answer.Error}";
                        failed++;
                    }
                    else
                    {
                        m.Status = OutboxStatus.Queued;
                        m.NextAttemptAt = now + Backoff(m.Attempts);
                        m.LastError = answer.Error;
                        retrying++;
                    }
                    break;
            }
        }
        return new SendReport(sent, failed, retrying, held, released);
    }

    /// <summary>The wait after this many failed attempts: the first wait, doubled for each further one, never more than the most.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var wait = O.RetryFirstAfter * Math.Pow(2, Math.Min(attempts - 1, 30));
        return wait < O.RetryAtMost ? wait : O.RetryAtMost;
    }

    // A claim this old belongs to a sender that stopped mid-batch: back to the queue, to be looked up before it is sent.
    private async Task<int> ReleaseStoppedClaimsAsync(CancellationToken ct)
    {
        var before = Now - ClaimLasts;
        return await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending && m.ClaimedAt < before)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Queued)
                .SetProperty(m => m.MayHaveBeenSent, true)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedAt, (DateTime?)null)
                .SetProperty(m => m.LastError, "The sender stopped while sending it; GOV.UK Notify is asked before it is sent again."), ct);
    }
}
