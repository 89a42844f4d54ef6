using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Messaging;
using Upcare.People;
using Upcare.TestDoubles;

namespace Upcare.Bench;

/// <summary>
/// Outbox sender throughput: MESSAGES emails queued (one to each seeded person), then sent with the app's own sender
/// through GOV.UK Notify's client to the local Notify-shaped server (in this process), run after run until none is
/// left; messages a second from the first claim to the last record.
/// </summary>
public static class OutboxBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var messages = int.Parse(args.Length > 1 ? args[1] : "5000", CultureInfo.InvariantCulture);
        await using var notify = await NotifyServer.StartAsync();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Upcare:Notify:ApiKey"] = NotifyServer.ApiKey,
            ["Upcare:Notify:BaseUrl"] = notify.Url,
            ["Upcare:Notify:EmailTemplateId"] = NotifyServer.EmailTemplate,
            ["Upcare:Notify:SmsTemplateId"] = NotifyServer.SmsTemplate,
            ["Upcare:Notify:LetterTemplateId"] = NotifyServer.LetterTemplate,
        });
        builder.AddUpcare();
        await using var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
            await db.OutboxMessages.ExecuteDeleteAsync();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var batch = Guid.NewGuid().ToString("N")[..8];
            foreach (var person in await db.People.AsNoTracking().OrderBy(p => p.NhsNumber).Take(messages).ToListAsync())
            {
                (person.PreferredContactMethod, person.Email) = (ContactMethod.Email, $"{person.NhsNumber}@example.com");
                outbox.Stage(person, "Your questionnaire is due", "It takes a few minutes: sign in to Upcare and choose 'Your questionnaires'.", $"bench:{batch}:{person.Id}");
            }
            await db.SaveChangesAsync();
        }
        var queued = await CountAsync(app, OutboxStatus.Queued);
        var started = Stopwatch.GetTimestamp();
        var runs = 0;
        while (true)
        {
            using var scope = app.Services.CreateScope();
            var report = await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
            runs++;
            if (report.Total == 0)
            {
                break;
            }
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sent = await CountAsync(app, OutboxStatus.Sent);
        if (sent != queued || notify.Accepted.Count != queued)
        {
            Console.Error.WriteLine($"queued {queued}, sent {sent}, Notify accepted {notify.Accepted.Count}");
            return 1;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"messages={sent} seconds={seconds:F2} per_second={sent / seconds:F0} runs={runs}"));
        return 0;
    }

    private static async Task<int> CountAsync(WebApplication app, OutboxStatus status)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UpcareDbContext>().OutboxMessages.CountAsync(m => m.Status == status);
    }
}
