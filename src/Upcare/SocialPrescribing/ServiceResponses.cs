using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.SocialPrescribing;

/// <summary>
/// How a community service has answered referrals over the last 12 months: how many it answered, the median time
/// from sending to its first answer (accepted or declined), and the share it accepted. Too few answers are not shown.
/// </summary>
public sealed record ServiceResponse(int Sent, int Answered, int Accepted, TimeSpan? MedianToAnswer)
{
    /// <summary>Fewer answers than this are not shown: a share of a handful of people says little and could point at someone.</summary>
    public const int SuppressBelow = 10;

    public bool Shown => Answered >= SuppressBelow;

    /// <summary>The share accepted, as a whole percentage.</summary>
    public int AcceptedPercent => Answered == 0 ? 0 : (int)Math.Round(100.0 * Accepted / Answered, MidpointRounding.AwayFromZero);

    /// <summary>"3 hours", "1 day", "6.5 days".</summary>
    public string MedianText => MedianToAnswer is not { } m ? ""
        : m < TimeSpan.FromDays(1) ? Plural(Math.Max(1, (int)Math.Round(m.TotalHours, MidpointRounding.AwayFromZero)), "hour")
        : Math.Round(m.TotalDays, 1, MidpointRounding.AwayFromZero) is var days && days == 1 ? "1 day" : $"{days.ToString("0.#", CultureInfo.InvariantCulture)} days";

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

/// <summary>Works out <see cref="ServiceResponse"/> from the closed-loop history, for the directory's service pages.</summary>
public sealed class ServiceResponses(UpcareDbContext db, TimeProvider clock)
{
    public async Task<ServiceResponse> ForServiceAsync(Guid serviceId, CancellationToken ct = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddMonths(-12);
        var referrals = db.CommunityReferrals.AsNoTracking().Where(c => c.ServiceId == serviceId && c.SentAt >= since);
        var sent = await referrals.CountAsync(ct);
        // The organisation's first answer to each: the move out of "requested" to accepted or declined.
        var answers = await referrals
            .Select(c => new
            {
                c.SentAt,
                First = db.ReferralEvents.Where(e => e.CommunityReferralId == c.Id && e.From == CommunityReferralStatus.Requested
                        && (e.To == CommunityReferralStatus.Accepted || e.To == CommunityReferralStatus.Rejected))
                    .OrderBy(e => e.At).Select(e => new { e.At, e.To }).FirstOrDefault(),
            })
            .Where(x => x.First != null)
            .ToListAsync(ct);
        var waits = answers.Select(a => a.First!.At - a.SentAt).Order().ToList();
        TimeSpan? median = waits.Count == 0 ? null
            : waits.Count % 2 == 1 ? waits[waits.Count / 2]
            : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2;
        return new ServiceResponse(sent, answers.Count, answers.Count(a => a.First!.To == CommunityReferralStatus.Accepted), median);
    }
}
