using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>One signed-in session, held on the server so signing out ends it even for a copied cookie.</summary>
public class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>Table mapping for sessions.</summary>
public class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.HasOne<UpcareUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

/// <summary>Starts, checks and ends sessions: the cookie carries only the session's id (claim <c>sid</c>).</summary>
public static class UserSessions
{
    public const string Claim = "sid";

    public static async Task<Claim> StartAsync(UpcareDbContext db, Guid userId, DateTime now)
    {
        var session = new UserSession { Id = Guid.NewGuid(), UserId = userId, StartedAt = now };
        db.Add(session);
        await db.SaveChangesAsync();
        db.Entry(session).State = EntityState.Detached;
        return new Claim(Claim, session.Id.ToString());
    }

    /// <summary>Ends the session this principal's cookie names, if any.</summary>
    public static Task EndAsync(UpcareDbContext db, ClaimsPrincipal user, DateTime now) =>
        Guid.TryParse(user.FindFirstValue(Claim), out var id) ? End(db.Set<UserSession>().Where(s => s.Id == id), now) : Task.CompletedTask;

    /// <summary>Ends every session of an account: it was closed, or its password was reset.</summary>
    public static Task EndAllAsync(UpcareDbContext db, Guid userId, DateTime now) => End(db.Set<UserSession>().Where(s => s.UserId == userId), now);

    private static Task End(IQueryable<UserSession> sessions, DateTime now) =>
        sessions.Where(s => s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now));

    /// <summary>
    /// Runs before Identity's security stamp check on every request with a session cookie: a cookie whose session has
    /// ended (signed out), has passed the absolute lifetime, or belongs to another account is refused. True when the
    /// session is open; false when it was refused or could not be checked (the database is down).
    /// </summary>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var lifetime = services.GetRequiredService<IOptions<SignInOptions>>().Value.AbsoluteLifetime;
        var startedAfter = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - lifetime;
        var principal = context.Principal;
        bool current;
        try
        {
            current = Guid.TryParse(principal?.FindFirstValue(Claim), out var id)
                && Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                && await services.GetRequiredService<UpcareDbContext>().Set<UserSession>().AsNoTracking()
                    .AnyAsync(s => s.Id == id && s.UserId == userId && s.EndedAt == null && s.StartedAt > startedAfter);
        }
        catch (Exception e) when (Hosting.UnexpectedErrors.IsDatabaseOutage(e))
        {
            // Authentication runs once per request and a failure here would fail the error page too. Unchecked, the
            // request goes on to what it asked for, which needs the database as well and is answered 503.
            return false;
        }
        if (!current)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
        return current;
    }

    /// <summary>Identity rebuilds the principal when it rechecks the security stamp; the session id goes with it.</summary>
    public static Task KeepSessionAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(Claim) is { } sid && context.NewPrincipal?.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == Claim))
        {
            identity.AddClaim(new Claim(Claim, sid.Value));
        }
        return Task.CompletedTask;
    }
}
