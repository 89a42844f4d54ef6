using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Data;
using Upcare.People;

namespace Upcare.Messaging;

/// <summary>A message to a person, waiting in the outbox for the sender (GOV.UK Notify, see <see cref="OutboxSender"/>).</summary>
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

    /// <summary>For a letter: the name and address lines it is printed with, one a line, the postcode last.</summary>
    public string? LetterAddress { get; set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Queued;

    /// <summary>How many times the sender has tried it.</summary>
    public int Attempts { get; set; }

    /// <summary>When a failed attempt may be tried again.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>
    /// True when an earlier attempt may have reached the sending service though no answer came back (a timeout, a
    /// dropped connection, a 5xx, an instance that died mid-send): before sending again the sender asks the service
    /// whether it already holds the message by its reference, so it is never sent twice.
    /// </summary>
    public bool MayHaveBeenSent { get; set; }

    /// <summary>The batch that holds it while it is being sent, so two instances never send the same message.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTime? ClaimedAt { get; set; }

    /// <summary>Why the last attempt failed or why it is held, in words an administrator can act on.</summary>
    public string? LastError { get; set; }

    /// <summary>The sending service's id for it, once accepted.</summary>
    public string? ProviderId { get; set; }

    /// <summary>What the sending service last said about delivery (Notify's status: "delivered", "permanent-failure"…).</summary>
    public string? DeliveryStatus { get; set; }

    public DateTime? DeliveryCheckedAt { get; set; }

    /// <summary>When delivery reached a final state: delivered, or definitely not.</summary>
    public DateTime? DeliveryFinalAt { get; set; }
}

/// <summary>Where a message is on its way out.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be tried again after a failure).</summary>
    Queued,

    /// <summary>Claimed by a sender, which is handing it to the sending service now.</summary>
    Sending,

    /// <summary>Accepted by the sending service; <see cref="OutboxMessage.DeliveryStatus"/> follows it from there.</summary>
    Sent,

    /// <summary>Refused by the sending service or given up on after many attempts: an administrator can try again.</summary>
    Failed,

    /// <summary>
    /// A letter to someone whose Accessible Information Standard needs ask for another format (large print, braille,
    /// easy read): held for staff to send it in that format, never printed in standard type.
    /// </summary>
    HeldForFormat,

    /// <summary>Sent another way by staff (a held letter in the person's format).</summary>
    SentByStaff,
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
        b.Property(m => m.LetterAddress).HasMaxLength(600);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.Property(m => m.ProviderId).HasMaxLength(100);
        b.Property(m => m.DeliveryStatus).HasMaxLength(40);
        b.HasIndex(m => m.DedupKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.HasIndex(m => m.ClaimToken);
        b.HasIndex(m => new { m.PersonId, m.CreatedAt });
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
