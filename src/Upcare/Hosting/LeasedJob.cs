namespace Upcare.Hosting;

/// <summary>
/// A background job that runs every <see cref="Every"/> on whichever instance holds its lease, so that with several
/// instances each run happens once. A failed run is logged and tried again at the next tick.
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
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(Name, Every * 2, ct: stoppingToken)
                    && await RunAsync(scope.ServiceProvider, stoppingToken) is { } done)
                {
                    logger.LogInformation("{Job}: {Done}", Name, done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; trying again at the next tick", Name);
            }
        }
    }
}
