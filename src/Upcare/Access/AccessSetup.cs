using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Upcare.Data;

namespace Upcare.Access;

/// <summary>The <c>Upcare:SignIn</c> configuration section.</summary>
public sealed class SignInOptions
{
    /// <summary>Sign-in attempts allowed from one address in a minute, on top of the per-account lockout.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed passwords in a row before an account is locked.</summary>
    public int FailuresBeforeLockout { get; set; } = 5;

    public TimeSpan LockoutLasts { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Signed out after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signed out this long after signing in, however busy the session has been.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>One OpenID Connect provider (NHS login for people, NHS CIS2 for staff): off unless Authority and ClientId are set.</summary>
public sealed class OidcProviderOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string[] Scopes { get; set; } = [];
    public string CallbackPath { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Registers sign-in, roles, relationship checks and the audit trail.</summary>
public static class AccessSetup
{
    public const string SignInRateLimit = "sign-in";
    public const string NhsLoginScheme = "nhs-login";
    public const string Cis2Scheme = "nhs-cis2";

    /// <summary>Reads the session cookie, or on the FHIR API a bearer access token when one is sent.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>The external sign-in providers, with the names shown on the sign-in page.</summary>
    public static readonly (string Scheme, string Section, string Label, string[] DefaultScopes)[] ExternalProviders =
    [
        (NhsLoginScheme, "Authentication:NhsLogin", "NHS login", ["openid", "profile", "email"]),
        (Cis2Scheme, "Authentication:Cis2", "NHS Care Identity Service 2 (smartcard or authenticator)", ["openid", "email", "nationalrbacaccess"]),
    ];

    public static IServiceCollection AddUpcareAccess(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<SignInOptions>(configuration.GetSection("Upcare:SignIn"));
        services.Configure<AccessOptions>(configuration.GetSection("Upcare:Access"));
        services.Configure<AuditOptions>(configuration.GetSection("Upcare:Audit"));
        var signIn = configuration.GetSection("Upcare:SignIn").Get<SignInOptions>() ?? new SignInOptions();

        services.AddHttpContextAccessor();
        services.AddIdentityCore<UpcareUser>(o =>
            {
                // NCSC advice: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = signIn.FailuresBeforeLockout;
                o.Lockout.DefaultLockoutTimeSpan = signIn.LockoutLasts;
                o.User.RequireUniqueEmail = true;
            })
            .AddSignInManager<UpcareSignInManager>()
            .AddClaimsPrincipalFactory<UpcareClaimsFactory>()
            .AddEntityFrameworkStores<UpcareDbContext>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = UserSessions.KeepSessionAsync;
        });

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultAuthenticateScheme = CookieOrBearer;
        });
        authentication.AddIdentityCookies();
        // Systems calling the FHIR API with an access token from its SMART token endpoint: the token is read before
        // anything else runs, so the audit trail and the access rules see the system's account as they see a user's.
        authentication.AddScheme<AuthenticationSchemeOptions, Fhir.FhirBearerHandler>(Fhir.FhirBearerHandler.SchemeName, null);
        authentication.AddPolicyScheme(CookieOrBearer, "Session cookie, or a FHIR access token", o => o.ForwardDefaultSelector = context =>
            context.Request.Path.StartsWithSegments("/fhir") && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? Fhir.FhirBearerHandler.SchemeName
                : IdentityConstants.ApplicationScheme);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "upcare-session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = signIn.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/error/403";
            // The session must still be open on the server before Identity's own (once a minute) security stamp check.
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (await UserSessions.ValidateAsync(context))
                {
                    await checkStamp(context);
                }
            };
            o.Events.OnRedirectToLogin = context =>
            {
                if (WantsPage(context.Request))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }
                return Task.CompletedTask;
            };
            // A refusal is a 403 answer (shown as the NHS.UK "you do not have permission" page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.ConfigureExternalCookie(o =>
        {
            o.Cookie.Name = "upcare-external";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });

        foreach (var (scheme, section, label, defaultScopes) in ExternalProviders)
        {
            var provider = configuration.GetSection(section).Get<OidcProviderOptions>() ?? new OidcProviderOptions();
            if (!provider.Enabled)
            {
                continue;
            }
            authentication.AddOpenIdConnect(scheme, label, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = provider.Authority;
                o.ClientId = provider.ClientId;
                o.ClientSecret = provider.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.MapInboundClaims = false;
                o.CallbackPath = string.IsNullOrEmpty(provider.CallbackPath) ? $"/signin-{scheme}" : provider.CallbackPath;
                o.Scope.Clear();
                foreach (var scope in provider.Scopes.Length > 0 ? provider.Scopes : defaultScopes)
                {
                    o.Scope.Add(scope);
                }
            });
        }

        services.AddAuthorization(AccessPolicies.Add);
        services.AddScoped<IAuthorizationHandler, RoleHandler>();
        services.AddScoped<IAuthorizationHandler, PersonRecordHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingResultHandler>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<PersonAccess>();
        services.AddScoped<AccountService>();
        services.AddScoped<CaseloadService>();
        services.AddScoped<CarerService>();
        services.AddScoped<AuditReader>();
        services.AddScoped<ExternalAccounts>();
        services.AddSingleton<AuditCheckpoints>();
        services.AddSingleton<AuditChainer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditChainer>());
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditTrail>());
        // After the trail, so it stops (and writes its last counts) before the trail closes.
        services.AddSingleton<AnonymousRefusals>();
        services.AddHostedService(sp => sp.GetRequiredService<AnonymousRefusals>());
        services.AddScoped<RequestRefusal>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, context =>
            {
                // Only attempts (POSTs) count; showing the page is free.
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("page");
                }
                var limit = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.AttemptsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>Serving in Production without an audit chain key is refused at start.</summary>
    public static void RequireChainKeyInProduction(WebApplication app)
    {
        if (app.Environment.IsProduction() && (app.Services.GetRequiredService<IOptions<AuditOptions>>().Value.ChainKey ?? "").Length < 32)
        {
            throw new InvalidOperationException(
                "Set Upcare:Audit:ChainKey (environment variable Upcare__Audit__ChainKey) to a secret of at least 32 characters, kept outside the database: " +
                "it keys the audit trail's links, so someone who can write to the database cannot rewrite the trail unnoticed.");
        }
    }

    /// <summary>Browsers asking for a page are sent to sign in; API clients get 401.</summary>
    private static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/fhir") && !request.Path.StartsWithSegments("/oruk")
        && (request.Headers.Accept.Count == 0 || request.Headers.Accept.ToString().Contains("text/html") || request.Headers.Accept.ToString().Contains("*/*"));
}

/// <summary>Puts the role, organisation, own record and name on the signed-in user, so checks need no extra query.</summary>
public sealed class UpcareClaimsFactory(UserManager<UpcareUser> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<UpcareUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UpcareUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim(CurrentUser.NameClaim, user.DisplayName));
        if (user.OrganisationId is { } org)
        {
            identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, org.ToString()));
        }
        if (user.PersonId is { } person)
        {
            identity.AddClaim(new Claim(CurrentUser.PersonClaim, person.ToString()));
        }
        return identity;
    }
}
