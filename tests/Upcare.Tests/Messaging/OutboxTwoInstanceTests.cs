using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Upcare.Data;
using Upcare.Messaging;
using Upcare.People;
using Upcare.Synthetic;
using Upcare.TestDoubles;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Messaging;

/// <summary>
/// Two app instances on one PostgreSQL, both sending the outbox: their sending jobs run every 200 ms, and on top of that
/// each is driven by hand at the same moment, with Notify failing some requests on the way. Every message reaches
/// Notify exactly once.
/// </summary>
public sealed class OutboxTwoInstanceTests
{
    [Fact]
    public async Task Two_instances_sending_at_once_send_each_message_exactly_once()
    {
        await using var notify = await NotifyServer.StartAsync();
        var connection = await UpcareApp.NewDatabaseAsync(DatabaseProvider.Postgres, "outbox-two");
        var settings = NotifyFixture.Settings(notify, sendEvery: "00:00:00.200");
        settings["Upcare:Notify:BatchSize"] = "25";
        settings["Upcare:JobLeaseSeconds"] = "2";
        await using var first = new UpcareApp(DatabaseProvider.Postgres, connection, settings);
        await using var second = new UpcareApp(DatabaseProvider.Postgres, connection, settings);
        first.StartServer();
        second.StartServer();
        using (var scope = first.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(400, 9);
            var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            foreach (var person in await db.People.ToListAsync())
            {
                (person.PreferredContactMethod, person.Email) = (ContactMethod.Email, $"{person.NhsNumber}@example.com");
                outbox.Stage(person, "Your questionnaire is due", "It takes a few minutes.", $"two:{person.Id}");
            }
            await db.SaveChangesAsync();
        }
        notify.FailNext(15, 500);
        notify.FailNext(15, 502, acceptFirst: true);

        // Besides the two jobs, four senders by hand, two on each instance, all at once until the queue is empty.
        var until = DateTime.UtcNow.AddSeconds(90);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var app = i % 2 == 0 ? first : second;
            while (DateTime.UtcNow < until && await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Status != OutboxStatus.Sent)))
            {
                using var scope = app.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
                await Task.Delay(5);
            }
        })));

        var messages = await first.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Equal(400, messages.Count);
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        var accepted = notify.Accepted;
        Assert.Equal(400, accepted.Count);
        Assert.Equal(400, accepted.Select(n => n.Reference).Distinct().Count());
        Assert.True(messages.Select(m => m.Id.ToString()).ToHashSet().SetEquals(accepted.Select(n => n.Reference)));
        Assert.True(messages.Select(m => m.ProviderId).ToHashSet().SetEquals(accepted.Select(n => n.Id)));
    }

    [Fact]
    public async Task A_wrong_Notify_key_or_template_stops_the_app_starting_with_what_to_fix()
    {
        await using var notify = await NotifyServer.StartAsync();
        var settings = NotifyFixture.Settings(notify);
        settings["Upcare:Notify:ApiKey"] = "not-a-notify-key";
        settings["Upcare:Notify:SmsTemplateId"] = "the text message one";
        await using var app = new UpcareApp(DatabaseProvider.Sqlite, await UpcareApp.NewDatabaseAsync(DatabaseProvider.Sqlite, "notify-bad"), settings);
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => app.StartServer());
        Assert.Contains("Upcare:Notify:ApiKey is not a GOV.UK Notify API key", failure.Message);
        Assert.Contains("Upcare:Notify:SmsTemplateId must be the template's id", failure.Message);
    }
}
