using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Data;
using Upcare.Messaging;
using Upcare.People;
using Upcare.Synthetic;
using Upcare.TestDoubles;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Messaging;

/// <summary>
/// An app whose outbox is sent to a local Notify-shaped server, with people to write to. The sending job waits an hour
/// between runs, so the tests drive each run themselves; retries wait only milliseconds.
/// </summary>
public abstract class NotifyFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;
    public NotifyServer Notify { get; private set; } = default!;
    private List<Guid> _people = [];
    private int _next = -1;

    public static Dictionary<string, string?> Settings(NotifyServer notify, string sendEvery = "01:00:00") => new()
    {
        ["Upcare:Notify:ApiKey"] = NotifyServer.ApiKey,
        ["Upcare:Notify:BaseUrl"] = notify.Url,
        ["Upcare:Notify:EmailTemplateId"] = NotifyServer.EmailTemplate,
        ["Upcare:Notify:SmsTemplateId"] = NotifyServer.SmsTemplate,
        ["Upcare:Notify:LetterTemplateId"] = NotifyServer.LetterTemplate,
        ["Upcare:Notify:SendEvery"] = sendEvery,
        // Generous, so a lookup on a loaded test machine is not itself a timeout; the slow case waits twice as long.
        ["Upcare:Notify:RequestTimeout"] = "00:00:03",
        ["Upcare:Notify:RetryFirstAfter"] = "00:00:00.001",
        ["Upcare:Notify:MaxAttempts"] = "4",
    };

    public async ValueTask InitializeAsync()
    {
        Notify = await NotifyServer.StartAsync();
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "notify"), Settings(Notify));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(60, 5);
        }
        _people = await App.WithDbAsync(db => db.People.OrderBy(p => p.NhsNumber).Select(p => p.Id).ToListAsync());
    }

    /// <summary>
    /// A clean start for the next test: Notify answering at once, and nothing left waiting by an earlier one, which
    /// the next run would otherwise send in among this test's messages.
    /// </summary>
    public async Task ResetAsync()
    {
        await Notify.ResetAsync();
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed).SetProperty(m => m.LastError, "Left by an earlier test")));
    }

    /// <summary>Queues one message to someone no other test has written to, reached the given way.</summary>
    public async Task<Guid> QueueAsync(ContactMethod how, string? email = null, string? phone = null, string? formatNeed = null, bool withoutAddress = false)
    {
        var personId = _people[Interlocked.Increment(ref _next)];
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
        var person = await db.People.SingleAsync(p => p.Id == personId);
        person.PreferredContactMethod = how;
        person.Email = email;
        person.Phone = phone;
        if (withoutAddress)
        {
            (person.AddressLine1, person.AddressLine2, person.Town, person.Postcode) = ("", null, "", "");
        }
        if (formatNeed is not null)
        {
            db.CommunicationNeeds.Add(new CommunicationNeed { Id = Guid.NewGuid(), PersonId = personId, Category = CommunicationNeedCategory.InformationFormat, Description = formatNeed, RecordedAt = DateTime.UtcNow });
        }
        var key = $"test:{Guid.NewGuid():N}";
        scope.ServiceProvider.GetRequiredService<Outbox>().Stage(person, "Your questionnaire is due", $"Dear {person.GivenName}, your questionnaire is due.", key);
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.DedupKey == key).Select(m => m.Id).SingleAsync();
    }

    public async Task<SendReport> SendAsync(UpcareApp? app = null)
    {
        // Retries wait a millisecond or so here; give them that.
        await Task.Delay(20);
        using var scope = (app ?? App).Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync();
    }

    public Task<OutboxMessage> MessageAsync(Guid id) => App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>What Notify accepted with this message's reference: never more than one.</summary>
    public List<NotifyServer.Received> AtNotify(Guid id) => Notify.Accepted.Where(n => n.Reference == id.ToString()).ToList();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Notify.DisposeAsync();
    }
}

/// <summary>The Notify fixture on SQLite.</summary>
public sealed class SqliteNotifyFixture() : NotifyFixture(DatabaseProvider.Sqlite);

/// <summary>The Notify fixture on PostgreSQL.</summary>
public sealed class PostgresNotifyFixture() : NotifyFixture(DatabaseProvider.Postgres);
