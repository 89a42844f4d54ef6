using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.People;

namespace Upcare.Messaging;

/// <summary>Puts messages in the outbox and reads a person's own.</summary>
public class Outbox(UpcareDbContext db, TimeProvider clock)
{
    /// <summary>Queues a message to the person by their preferred way; false when one with this key is already queued.</summary>
    public async Task<bool> EnqueueAsync(Person person, string subject, string body, string dedupKey, CancellationToken ct = default)
    {
        if (await db.OutboxMessages.AnyAsync(m => m.DedupKey == dedupKey, ct))
        {
            return false;
        }
        Stage(person, subject, body, dedupKey);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same message at the same moment; the unique key kept one.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Stages a message without saving, so it is queued with the change it is about, or not at all.</summary>
    public void Stage(Person person, string subject, string body, string dedupKey)
    {
        var (channel, to) = person switch
        {
            { PreferredContactMethod: ContactMethod.Email, Email: { Length: > 0 } email } => (ContactMethod.Email, email),
            { PreferredContactMethod: ContactMethod.TextMessage or ContactMethod.Phone, Phone: { Length: > 0 } phone } => (ContactMethod.TextMessage, phone),
            { Email: { Length: > 0 } email } => (ContactMethod.Email, email),
            _ => (ContactMethod.Letter, string.Join(", ", AddressLines(person))),
        };
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            PersonId = person.Id,
            Channel = channel,
            To = to,
            Subject = subject,
            Body = body,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            DedupKey = dedupKey,
            LetterAddress = channel == ContactMethod.Letter ? string.Join("\n", AddressLines(person).Prepend(person.FullName)) : null,
        });
    }

    private static IEnumerable<string> AddressLines(Person person) =>
        new[] { person.AddressLine1, person.AddressLine2, person.Town, person.Postcode }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim());

    /// <summary>The newest messages, all or only those in one state: what the administrators' outbox page shows.</summary>
    public Task<List<OutboxMessage>> LatestAsync(int count, OutboxStatus? status = null, CancellationToken ct = default) =>
        db.OutboxMessages.AsNoTracking().Where(m => status == null || m.Status == status).OrderByDescending(m => m.CreatedAt).Take(count).ToListAsync(ct);

    /// <summary>How many messages are in each state.</summary>
    public async Task<Dictionary<OutboxStatus, int>> CountsAsync(CancellationToken ct = default) =>
        (await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);

    public Task<List<OutboxMessage>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.CreatedAt).Take(100).ToListAsync(ct);
}
