using Microsoft.Extensions.Options;
using Upcare.Hosting;

namespace Upcare.SocialPrescribing;

/// <summary>
/// Chases community referrals nobody has answered: a nudge to the organisation, then back to the link worker as
/// expired. Runs every <see cref="SocialPrescribingOptions.CheckEvery"/> on whichever instance holds the job's lease.
/// </summary>
public sealed class ReferralDeadlines(IServiceScopeFactory scopes, IOptions<SocialPrescribingOptions> options, ILogger<ReferralDeadlines> logger)
    : LeasedJob(scopes, logger)
{
    protected override string Name => "community-referral-deadlines";
    protected override TimeSpan Every => options.Value.CheckEvery;

    protected override async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var (nudged, expired) = await services.GetRequiredService<CommunityReferralService>().ChaseUnansweredAsync(ct);
        return nudged + expired > 0 ? $"{nudged} community referrals nudged, {expired} returned as expired" : null;
    }
}
