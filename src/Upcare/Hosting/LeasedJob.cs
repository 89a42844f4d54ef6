using Microsoft.Extensions.Options;

namespace Upcare.Hosting;

/// <summary>
/// A background job that runs every <see cref="Every"/> on whichever instance holds its lease, so that with several
/// instances each run happens once. The lease is short and renewed by its holder every third of it, while the job runs
/// too, so when an instance dies another takes its jobs over within a lease, not after hours. A failed run is logged and
/// tried again at the next run.
/// </summary>
public abstract class LeasedJob(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    /// <summary>The lease's name, unique among jobs.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Every { get; }

    /// <summary>One run, in its own scope; returns what to log, or null when there was nothing to do.</summary>
    protected abstract Task<string?> RunAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan lease;
        using (var scope = scopes.CreateScope())
        {
            lease = TimeSpan.FromSeconds(Math.Max(1, scope.ServiceProvider.GetRequiredService<IOptions<UpcareOptions>>().Value.JobLeaseSeconds));
        }
        var renewEvery = lease / 3 < Every ? lease / 3 : Every;
        var nextRun = DateTime.UtcNow + Every;
        using var timer = new PeriodicTimer(renewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await TryHoldAsync(lease, stoppingToken) || DateTime.UtcNow < nextRun)
                {
                    continue;
                }
                nextRun = DateTime.UtcNow + Every;
                await RunHoldingAsync(lease, renewEvery, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Job} failed; trying again at the next run", Name);
                using var scope = scopes.CreateScope();
                scope.ServiceProvider.GetRequiredService<JobMetrics>().Failed(Name);
            }
        }
    }

    private async Task<bool> TryHoldAsync(TimeSpan lease, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(Name, lease, ct: ct);
    }

    // Renews the lease alongside the run; if it is lost (this instance was cut off long enough for another to take it),
    // the run is stopped rather than carried on beside the new holder's.
    private async Task RunHoldingAsync(TimeSpan lease, TimeSpan renewEvery, CancellationToken stoppingToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(renewEvery);
            while (await timer.WaitForNextTickAsync(running.Token))
            {
                if (!await TryHoldAsync(lease, running.Token))
                {
                    logger.LogWarning("{Job}: another instance holds the lease now; this run stops", Name);
                    await running.CancelAsync();
                }
            }
        }, running.Token);
        try
        {
            using var scope = scopes.CreateScope();
            using var activity = JobMetrics.Source.StartActivity(Name);
            if (await RunAsync(scope.ServiceProvider, running.Token) is { } done)
            {
                logger.LogInformation("{Job}: {Done}", Name, done);
            }
            scope.ServiceProvider.GetRequiredService<JobMetrics>().Succeeded(Name, Every);
        }
        finally
        {
            await running.CancelAsync();
            try
            {
                await renewing;
            }
            catch (OperationCanceledException)
            {
                // The run ended; so does the renewing.
            }
        }
    }
}
