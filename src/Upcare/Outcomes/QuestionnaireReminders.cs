using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Messaging;
using Upcare.Shared;

namespace Upcare.Outcomes;

/// <summary>
/// Reminds people of questionnaires that have fallen due: one message each, by their preferred way, through the outbox.
/// Runs every <see cref="OutcomeOptions.ReminderEvery"/> on whichever instance holds the job's lease.
/// </summary>
public sealed class QuestionnaireReminders(IServiceScopeFactory scopes, IOptions<OutcomeOptions> options, ILogger<QuestionnaireReminders> logger)
    : LeasedJob(scopes, logger)
{
    public const string Job = "questionnaire-reminders";

    protected override string Name => Job;
    protected override TimeSpan Every => options.Value.ReminderEvery;

    protected override async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await RunOnceAsync(services, ct) is var sent and > 0 ? $"queued {sent} questionnaire reminders" : null;

    /// <summary>Queues a reminder for each request due today or earlier that has not had one. Returns how many were queued.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<UpcareDbContext>();
        var outbox = services.GetRequiredService<Outbox>();
        var catalogue = services.GetRequiredService<InstrumentCatalogue>();
        var today = UkTime.Today(services.GetRequiredService<TimeProvider>());
        var due = await db.MeasureRequests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Due && r.DueOn <= today)
            .Where(r => !db.OutboxMessages.Any(m => m.DedupKey == "questionnaire-due:" + r.Id))
            .Join(db.People.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new { r, p })
            .Take(1000)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var x in due)
        {
            var name = catalogue.Find(x.r.InstrumentCode)?.Name ?? "A questionnaire";
            var body = $"Dear {x.p.GivenName}, your {name} questionnaire is due. It takes a few minutes: sign in to Upcare and choose 'Your questionnaires'. " +
                "Your answers help you and the people who support you see what is changing.";
            if (await outbox.EnqueueAsync(x.p, $"Your {name} questionnaire is due", body, "questionnaire-due:" + x.r.Id, ct))
            {
                queued++;
            }
        }
        return queued;
    }
}
