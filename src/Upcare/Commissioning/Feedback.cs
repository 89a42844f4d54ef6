using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Upcare.Access;
using Upcare.Data;
using Upcare.People;
using Upcare.Shared;
using Upcare.SocialPrescribing;

namespace Upcare.Commissioning;

/// <summary>A person's rating (1 to 5) and comment on a community service they used: co-production of services.</summary>
public class ServiceFeedback
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ServiceId { get; set; }
    public string ServiceName { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public int Rating { get; set; }
    public string Comment { get; set; } = "";
    public DateTime At { get; set; }
    public List<FeedbackResponse> Responses { get; set; } = [];
}

/// <summary>A reply to feedback from the organisation that runs the service or a commissioner; the person sees it.</summary>
public class FeedbackResponse
{
    public Guid Id { get; set; }
    public Guid FeedbackId { get; set; }
    public string ByName { get; set; } = "";

    /// <summary>Who the reply is from, as the person sees it ("West End Befrienders", "The commissioners").</summary>
    public string From { get; set; } = "";

    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>Table mapping for feedback.</summary>
public class ServiceFeedbackConfiguration : IEntityTypeConfiguration<ServiceFeedback>
{
    public void Configure(EntityTypeBuilder<ServiceFeedback> b)
    {
        b.ToTable("ServiceFeedback");
        b.Property(f => f.ServiceName).HasMaxLength(300);
        b.Property(f => f.Comment).HasMaxLength(2000);
        b.HasIndex(f => new { f.OrganisationId, f.At });
        b.HasIndex(f => f.PersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(f => f.Responses).WithOne().HasForeignKey(r => r.FeedbackId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Table mapping for replies.</summary>
public class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> b)
    {
        b.ToTable("FeedbackResponses");
        b.Property(r => r.ByName).HasMaxLength(200);
        b.Property(r => r.From).HasMaxLength(200);
        b.Property(r => r.Text).HasMaxLength(2000);
    }
}

/// <summary>A service the person used (a community referral that was accepted), which they can rate.</summary>
public sealed record UsedService(Guid ServiceId, string ServiceName, Guid OrganisationId);

/// <summary>
/// Co-production: people rate and comment on community services they used; the organisation that runs the service and
/// commissioners read and reply (never seeing the person's name); the person sees the replies.
/// </summary>
public class FeedbackService(UpcareDbContext db, PersonAccess access, TimeProvider clock)
{
    private CurrentUser User => access.User;

    private static readonly CommunityReferralStatus[] Used = [CommunityReferralStatus.Accepted, CommunityReferralStatus.InProgress, CommunityReferralStatus.OnHold, CommunityReferralStatus.Completed];

    /// <summary>The services the person was accepted by, which they may rate.</summary>
    public async Task<List<UsedService>> UsedAsync(Guid personId, CancellationToken ct = default) =>
        (await db.CommunityReferrals.AsNoTracking().Where(c => c.PersonId == personId && Used.Contains(c.Status))
            .Select(c => new { c.ServiceId, c.ServiceName, c.OrganisationId }).Distinct().ToListAsync(ct))
        .Select(c => new UsedService(c.ServiceId, c.ServiceName, c.OrganisationId)).OrderBy(c => c.ServiceName).ToList();

    public Task<List<ServiceFeedback>> MineAsync(Guid personId, CancellationToken ct = default) =>
        db.ServiceFeedback.AsNoTracking().Include(f => f.Responses.OrderBy(r => r.At)).Where(f => f.PersonId == personId).OrderByDescending(f => f.At).ToListAsync(ct);

    public async Task GiveAsync(Guid personId, Guid? serviceId, int? rating, string? comment, CancellationToken ct = default)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            throw new UnauthorizedAccessException("Only the person gives their own feedback");
        }
        var used = (await UsedAsync(personId, ct)).FirstOrDefault(u => u.ServiceId == serviceId);
        var v = new Validation();
        if (used is null)
        {
            v.Add("ServiceId", "Choose a service you used");
        }
        if (rating is not (>= 1 and <= 5))
        {
            v.Add("Rating", "Choose a rating from 1 to 5");
        }
        var words = v.Optional("Comment", comment?.Replace("\r\n", "\n"), 2000, "Your comments") ?? "";
        v.ThrowIfInvalid();
        db.ServiceFeedback.Add(new ServiceFeedback
        {
            Id = Guid.NewGuid(), PersonId = personId, ServiceId = used!.ServiceId, ServiceName = used.ServiceName, OrganisationId = used.OrganisationId,
            Rating = rating!.Value, Comment = words, At = clock.GetUtcNow().UtcDateTime,
        });
        access.Stage(personId, "service-feedback", "POST /me/feedback", used.ServiceName);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>How many feedback items a page shows.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Feedback the signed-in user may read, newest first, a page at a time: their organisation's services (VCSE worker),
    /// or all of it (commissioner); with how many there are in all.
    /// </summary>
    public async Task<(List<ServiceFeedback> Items, int Total)> ForReadersAsync(int page = 1, CancellationToken ct = default)
    {
        var organisation = User.OrganisationId;
        var feedback = User.Role == UserRole.Commissioner ? db.ServiceFeedback.AsNoTracking() : db.ServiceFeedback.AsNoTracking().Where(f => organisation != null && f.OrganisationId == organisation);
        var total = await feedback.CountAsync(ct);
        var items = await feedback.Include(f => f.Responses.OrderBy(r => r.At)).OrderByDescending(f => f.At).ThenBy(f => f.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).AsSplitQuery().ToListAsync(ct);
        return (items, total);
    }

    /// <summary>A reply from the service's organisation or a commissioner.</summary>
    public async Task RespondAsync(Guid feedbackId, string? text, string from, CancellationToken ct = default)
    {
        var organisation = User.OrganisationId;
        var feedback = await db.ServiceFeedback.FirstOrDefaultAsync(f => f.Id == feedbackId && (User.Role == UserRole.Commissioner || (organisation != null && f.OrganisationId == organisation)), ct)
            ?? throw new KeyNotFoundException();
        var v = new Validation();
        var words = v.Required($"Reply-{feedbackId}", text?.Replace("\r\n", "\n"), "Enter your reply", 2000, "Reply");
        v.ThrowIfInvalid();
        db.FeedbackResponses.Add(new FeedbackResponse { Id = Guid.NewGuid(), FeedbackId = feedback.Id, ByName = User.Name, From = from, Text = words!, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}
