using System.Security.Claims;

namespace Upcare.Access;

/// <summary>Who is asking: read from the signed-in user's claims once per request.</summary>
public sealed class CurrentUser
{
    public const string OrganisationClaim = "upcare:organisation";
    public const string PersonClaim = "upcare:person";
    public const string NameClaim = "upcare:name";

    public CurrentUser(IHttpContextAccessor http) : this(http.HttpContext?.User)
    {
    }

    public CurrentUser(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return;
        }
        Id = id;
        Role = role;
        Name = principal.FindFirstValue(NameClaim) ?? principal.Identity.Name ?? "";
        OrganisationId = Guid.TryParse(principal.FindFirstValue(OrganisationClaim), out var org) ? org : null;
        PersonId = Guid.TryParse(principal.FindFirstValue(PersonClaim), out var person) ? person : null;
    }

    public Guid? Id { get; }
    public UserRole? Role { get; }
    public string Name { get; } = "";
    public Guid? OrganisationId { get; }
    public Guid? PersonId { get; }

    public bool IsSignedIn => Id is not null;

    /// <summary>How the trail names this user: their name, or "anonymous".</summary>
    public string AuditName => IsSignedIn ? Name : "anonymous";
    public string AuditRole => Role?.ToString() ?? "none";
}
