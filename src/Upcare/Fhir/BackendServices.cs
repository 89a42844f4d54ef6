using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.Fhir;

/// <summary>What an access token from the token endpoint carries: the system's account, its scopes, when it ends.</summary>
public sealed record BackendGrant(string ClientId, Guid UserId, string Name, UserRole Role, Guid? OrganisationId, string Scope, long ExpiresAt);

/// <summary>
/// A client assertion already used (its jti), kept until it would have expired anyway: stored, so that a replay is
/// refused whichever instance of the app it reaches.
/// </summary>
public class UsedAssertion
{
    public string ClientId { get; set; } = "";
    public string Jti { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
}

/// <summary>Table mapping for used assertions: one row per client and jti, so a second insert fails.</summary>
public class UsedAssertionConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<UsedAssertion>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<UsedAssertion> b)
    {
        b.ToTable("UsedAssertions");
        b.HasKey(a => new { a.ClientId, a.Jti });
        b.Property(a => a.ClientId).HasMaxLength(200);
        b.Property(a => a.Jti).HasMaxLength(200);
        b.HasIndex(a => a.ExpiresAt);
    }
}

/// <summary>An OAuth error answer (RFC 6749 §5.2).</summary>
public sealed class TokenRequestException(string error, string description) : Exception(description)
{
    public string Error { get; } = error;
}

/// <summary>
/// SMART Backend Services: a registered system asks the token endpoint for an access token with a client credentials
/// grant, proving who it is with a JWT signed by one of its registered keys (RS384 or ES384; issuer and subject its
/// client id, audience the token endpoint, at most five minutes long, its jti never seen before). The token is
/// protected with the app's data protection keys, so any instance can check it without a lookup.
/// </summary>
public sealed class BackendServices(UpcareDbContext db, UserManager<UpcareUser> users, IOptions<FhirOptions> options, IDataProtectionProvider protection,
    TimeProvider clock)
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>The address domain of the accounts systems act through (.invalid: never a real mailbox).</summary>
    public const string AccountDomain = "@systems.upcare.invalid";

    /// <summary>The user name of the account a system acts through; its address is this with <see cref="AccountDomain"/>.</summary>
    public static string AccountName(string clientId) => $"system.{clientId}";
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384];

    internal static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector("Upcare.Fhir.BackendToken.v1");

    public async Task<(string Token, BackendGrant Grant)> IssueAsync(IFormCollection form, string tokenEndpoint, CancellationToken ct = default)
    {
        if (form["grant_type"] != "client_credentials")
        {
            throw new TokenRequestException("unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (form["client_assertion_type"] != AssertionType || string.IsNullOrEmpty(form["client_assertion"]))
        {
            throw new TokenRequestException("invalid_request", $"client_assertion_type must be {AssertionType}, with a client_assertion");
        }
        var assertion = form["client_assertion"].ToString();
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            throw new TokenRequestException("invalid_client", "client_assertion is not a JWT");
        }
        var unverified = handler.ReadJsonWebToken(assertion);
        var client = options.Value.Clients.FirstOrDefault(c => c.ClientId == unverified.Issuer)
            ?? throw new TokenRequestException("invalid_client", "No system is registered with that client id");
        var now = clock.GetUtcNow();
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = client.ClientId,
            ValidAudience = tokenEndpoint,
            IssuerSigningKeys = new JsonWebKeySet(client.Jwks).GetSigningKeys(),
            ValidAlgorithms = Algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            // At most five minutes long, not expired, and not for later (nbf, when given, with the same 30 s of skew).
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > now.UtcDateTime && e <= now.UtcDateTime.AddMinutes(5).AddSeconds(30)
                && (notBefore is not { } nbf || nbf <= now.UtcDateTime.AddSeconds(30)),
        });
        if (!result.IsValid)
        {
            throw new TokenRequestException("invalid_client", $"The client assertion was refused: {result.Exception?.Message ?? "not valid"}");
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.Subject != client.ClientId || string.IsNullOrEmpty(jwt.Id))
        {
            throw new TokenRequestException("invalid_client", "The assertion's sub must be the client id, and it needs a jti");
        }
        // A jti is used once: a replayed assertion is refused until it would have expired anyway (then it is refused as expired).
        if (jwt.Id.Length > 200)
        {
            throw new TokenRequestException("invalid_client", "The assertion's jti is longer than 200 characters");
        }
        await db.UsedAssertions.Where(a => a.ExpiresAt < now.UtcDateTime.AddMinutes(-1)).ExecuteDeleteAsync(ct);
        db.UsedAssertions.Add(new UsedAssertion { ClientId = client.ClientId, Jti = jwt.Id, ExpiresAt = jwt.ValidTo.AddMinutes(1) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new TokenRequestException("invalid_client", "This assertion (jti) has been used already");
        }

        var allowed = client.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var asked = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var granted = asked.Where(s => FhirScopes.Covers(allowed, s)).ToList();
        if (asked.Length == 0 || granted.Count == 0)
        {
            throw new TokenRequestException("invalid_scope", $"Ask for one or more of the scopes this system is registered for: {client.Scopes}");
        }
        var user = await AccountAsync(client, ct);
        var grant = new BackendGrant(client.ClientId, user.Id, client.Name, client.Role, user.OrganisationId, string.Join(' ', granted),
            now.Add(options.Value.AccessTokenLasts).ToUnixTimeSeconds());
        return (Protector(protection).Protect(JsonSerializer.Serialize(grant)), grant);
    }

    /// <summary>The account the system acts through, made on its first token: its audit entries, messages and history name it.</summary>
    private async Task<UpcareUser> AccountAsync(BackendClient client, CancellationToken ct)
    {
        var userName = AccountName(client.ClientId);
        Guid? organisation = null;
        if (client.OrganisationCode is { } code)
        {
            organisation = await db.Organisations.AsNoTracking().Where(o => o.Code == code).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct)
                ?? throw new TokenRequestException("invalid_client", $"The organisation {code} this system is registered for is not on Upcare");
        }
        if (await users.FindByNameAsync(userName) is { } existing)
        {
            if (existing.Role != client.Role || existing.OrganisationId != organisation || existing.DisplayName != client.Name)
            {
                (existing.Role, existing.OrganisationId, existing.DisplayName) = (client.Role, organisation, client.Name);
                await users.UpdateAsync(existing);
            }
            return existing;
        }
        var account = new UpcareUser
        {
            Id = Guid.NewGuid(), UserName = userName, Email = userName + AccountDomain, EmailConfirmed = true, DisplayName = client.Name,
            Role = client.Role, OrganisationId = organisation, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not make the account for {client.ClientId}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }
        return account;
    }
}

/// <summary>SMART scopes (<c>system/Task.rus</c>, <c>system/*.rs</c>, and the older <c>system/Task.read</c> and <c>.write</c>).</summary>
public static class FhirScopes
{
    public const string Claim = "scope";

    /// <summary>Whether the granted scopes allow an action (c, r, u, d or s) on a resource type.</summary>
    public static bool Allows(IEnumerable<string> granted, string resourceType, char action) =>
        granted.Any(s => Parse(s) is { } g && (g.Type == "*" || g.Type == resourceType) && g.Actions.Contains(action, StringComparison.Ordinal));

    /// <summary>Whether a registered set of scopes covers one asked for.</summary>
    public static bool Covers(IEnumerable<string> registered, string asked) =>
        Parse(asked) is { } a && a.Actions.All(action => Allows(registered, a.Type, action));

    private static (string Type, string Actions)? Parse(string scope)
    {
        if (!scope.StartsWith("system/", StringComparison.Ordinal) || scope.LastIndexOf('.') is var dot && dot < 8)
        {
            return null;
        }
        var type = scope[7..dot];
        var actions = scope[(dot + 1)..] switch
        {
            "read" => "rs",
            "write" => "cud",
            "*" => "cruds",
            var a when a.Length > 0 && a.All(c => "cruds".Contains(c)) => a,
            _ => null,
        };
        return actions is null ? null : (type, actions);
    }
}

/// <summary>Signs in a system by its access token (Authorization: Bearer), as the account it acts through, with its scopes.</summary>
public sealed class FhirBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IDataProtectionProvider protection, TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "FhirBearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        BackendGrant? grant;
        try
        {
            grant = JsonSerializer.Deserialize<BackendGrant>(BackendServices.Protector(protection).Unprotect(header[7..].Trim()));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("The access token is not one this server issued"));
        }
        if (grant is null || grant.ExpiresAt <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return Task.FromResult(AuthenticateResult.Fail("The access token has expired: ask the token endpoint for a new one"));
        }
        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, grant.UserId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, grant.Name));
        identity.AddClaim(new Claim(ClaimTypes.Role, grant.Role.ToString()));
        identity.AddClaim(new Claim(CurrentUser.NameClaim, grant.Name));
        identity.AddClaim(new Claim("upcare:client", grant.ClientId));
        if (grant.OrganisationId is { } organisation)
        {
            identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, organisation.ToString()));
        }
        foreach (var scope in grant.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            identity.AddClaim(new Claim(FhirScopes.Claim, scope));
        }
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
