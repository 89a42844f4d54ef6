using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.Messaging;

/// <summary>An in-app notification to one user: something happened that they need to know or act on.</summary>
public class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Where in Upcare to go about it.</summary>
    public string Link { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>Table mapping for notifications.</summary>
public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.Text).HasMaxLength(500);
        b.Property(n => n.Link).HasMaxLength(300);
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
        b.HasOne<UpcareUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Notifies users in the app. <see cref="Add"/> only stages the notification, so it is saved with the change it is
/// about, or not at all.
/// </summary>
public class Notifications(UpcareDbContext db, CurrentUser user, TimeProvider clock)
{
    public void Add(Guid userId, string text, string link) =>
        db.Notifications.Add(new Notification { Id = Guid.NewGuid(), UserId = userId, Text = text, Link = link, CreatedAt = clock.GetUtcNow().UtcDateTime });

    /// <summary>Stages one notification to each active user of a role in an organisation.</summary>
    public async Task AddToOrganisationAsync(Guid organisationId, UserRole role, string text, string link, CancellationToken ct = default)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.OrganisationId == organisationId && u.Role == role && u.DeactivatedAt == null).Select(u => u.Id).ToListAsync(ct);
        foreach (var id in users)
        {
            Add(id, text, link);
        }
    }

    /// <summary>The signed-in user's notifications, newest first.</summary>
    public Task<List<Notification>> MineAsync(CancellationToken ct = default)
    {
        var me = user.Id;
        return db.Notifications.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
    }

    public Task<int> UnreadAsync(CancellationToken ct = default)
    {
        var me = user.Id;
        return db.Notifications.CountAsync(n => n.UserId == me && n.ReadAt == null, ct);
    }

    public async Task MarkAllReadAsync(CancellationToken ct = default)
    {
        var me = user.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var n in await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ToListAsync(ct))
        {
            n.ReadAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}
