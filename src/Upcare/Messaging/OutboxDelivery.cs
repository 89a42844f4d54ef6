using Microsoft.Extensions.Options;
using Upcare.Hosting;

namespace Upcare.Messaging;

/// <summary>
/// The background job that sends the outbox with GOV.UK Notify and follows delivery, every
/// <see cref="NotifyOptions.SendEvery"/> on whichever instance holds its lease. Registered only when Notify is configured.
/// </summary>
public sealed class OutboxDelivery(IServiceScopeFactory scopes, IOptions<NotifyOptions> options, ILogger<OutboxDelivery> logger) : LeasedJob(scopes, logger)
{
    public const string Job = "outbox-delivery";

    protected override string Name => Job;
    protected override TimeSpan Every => options.Value.SendEvery;

    protected override async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var sender = services.GetRequiredService<OutboxSender>();
        int sent = 0, failed = 0, retrying = 0, held = 0;
        // A full batch means more may be waiting: keep going until the queue is drained or the job is stopped.
        SendReport report;
        do
        {
            report = await sender.SendDueAsync(ct);
            (sent, failed, retrying, held) = (sent + report.Sent, failed + report.Failed, retrying + report.Retrying, held + report.Held);
        }
        while (report.Total >= options.Value.BatchSize && !ct.IsCancellationRequested);
        var delivery = await services.GetRequiredService<DeliveryTracking>().CheckAsync(ct);
        return sent + failed + retrying + held + delivery == 0 ? null
            : $"sent {sent}, failed {failed}, to try again {retrying}, held for another format {held}; {delivery} delivery statuses changed";
    }
}

/// <summary>Registers the outbox's sending.</summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Outbox>();
        services.AddScoped<Notifications>();
        services.AddScoped<OutboxAdministration>();
        services.AddScoped<People.AccessibleInformation>();
        services.AddOptions<NotifyOptions>().Bind(configuration.GetSection("Upcare:Notify")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotifyOptions>, NotifyOptionsValidation>();
        var notify = configuration.GetSection("Upcare:Notify").Get<NotifyOptions>() ?? new NotifyOptions();
        services.AddHttpClient(NotifyGateway.HttpClientName, (sp, c) => c.Timeout = sp.GetRequiredService<IOptions<NotifyOptions>>().Value.RequestTimeout);
        services.AddScoped<NotifyGateway>();
        services.AddScoped<OutboxSender>();
        services.AddScoped<DeliveryTracking>();
        if (notify.Enabled)
        {
            services.AddHostedService<OutboxDelivery>();
        }
        return services;
    }
}
