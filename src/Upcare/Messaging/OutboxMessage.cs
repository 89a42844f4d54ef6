using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Data;
using Upcare.People;

namespace Upcare.Messaging;

/// <summary>A message to a person, waiting in the outbox for the sender (a GOV.UK Notify-style service in production).</summary>
public class OutboxMessage
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>How it goes: the person's preferred contact method (email, text message, or letter when neither is known).</summary>
    public ContactMethod Channel { get; set; }

    /// <summary>The email address, phone number or postal address it goes to.</summary>
    public string To { get; set; } = "";

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>What the message is about, unique: the same reminder is never queued twice, however often the job runs.</summary>
    public string DedupKey { get; set; } = "";
}

/// <summary>Table mapping for the outbox.</summary>
public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.To).HasMaxLength(400);
        b.Property(m => m.Subject).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(2000);
        b.Property(m => m.DedupKey).HasMaxLength(200);
        b.HasIndex(m => m.DedupKey).IsUnique();
        b.HasIndex(m => new { m.PersonId, m.CreatedAt });
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
            _ => (ContactMethod.Letter, string.Join(", ", new[] { person.AddressLine1, person.AddressLine2, person.Town, person.Postcode }.Where(x => !string.IsNullOrWhiteSpace(x)))),
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
        });
    }

    /// <summary>The newest messages waiting for everyone: what the development outbox page shows.</summary>
    public Task<List<OutboxMessage>> LatestAsync(int count, CancellationToken ct = default) =>
        db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(count).ToListAsync(ct);

    public Task<List<OutboxMessage>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.OutboxMessages.AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.CreatedAt).Take(100).ToListAsync(ct);
}
