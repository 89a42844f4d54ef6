using Microsoft.Extensions.Options;
using Upcare.Hosting;

namespace Upcare.SocialPrescribing;

/// <summary>
/// Chases community referrals nobody has answered: a nudge to the organisation, then back to the link worker as
/// expired. Runs every <see cref="SocialPrescribingOptions.CheckEvery"/> on whichever instance holds the job's lease.
/// </summary>
public sealed class ReferralDeadlines(IServiceScopeFactory scopes, IOptions<SocialPrescribingOptions> options, ILogger<ReferralDeadlines> logger) : BackgroundService
{
    public const string Job = "community-referral-deadlines";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(Job, options.Value.CheckEvery * 2, ct: stoppingToken))
                {
                    var (nudged, expired) = await scope.ServiceProvider.GetRequiredService<CommunityReferralService>().ChaseUnansweredAsync(stoppingToken);
                    if (nudged + expired > 0)
                    {
                        logger.LogInformation("Community referrals: {Nudged} nudged, {Expired} returned as expired", nudged, expired);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Chasing community referrals failed; trying again at the next tick");
            }
        }
    }
}
