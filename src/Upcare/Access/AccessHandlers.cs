using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Upcare.Access;

/// <summary>The user must have one of these roles.</summary>
public sealed record RoleRequirement(UserRole[] Roles) : IAuthorizationRequirement;

/// <summary>The user must have a relationship with the person named by the route (or be that person).</summary>
public sealed record PersonRecordRequirement(AccessPurpose Purpose) : IAuthorizationRequirement;

/// <summary>What the relationship check decided for this request, kept for the audit entry.</summary>
public sealed record PersonRecordCheck(Guid? PersonId, AccessPurpose Purpose, AccessDecision Decision);

/// <summary>Checks the role; fails outright so that the relationship check does not run for the wrong role.</summary>
public sealed class RoleHandler : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        var user = new CurrentUser(context.User);
        if (user.Role is { } role && requirement.Roles.Contains(role))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, user.IsSignedIn
                ? $"A {UserRoles.Label(user.Role!.Value).ToLowerInvariant()} may not use this page"
                : "Not signed in"));
        }
        return Task.CompletedTask;
    }
}

/// <summary>Asks <see cref="PersonAccess"/> about the person in the route value <c>id</c>, or the user's own record.</summary>
public sealed class PersonRecordHandler(PersonAccess access) : AuthorizationHandler<PersonRecordRequirement>
{
    public static readonly object ItemKey = new();

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonRecordRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
        {
            context.Fail();
            return;
        }
        Guid? personId = http.GetRouteValue("id") is { } raw
            ? Guid.TryParse(raw.ToString(), out var id) ? id : null
            : access.User.PersonId;
        var decision = personId is { } pid
            ? await access.DecideAsync(pid, requirement.Purpose, http.RequestAborted)
            : AccessDecision.NoSuchPerson;
        http.Items[ItemKey] = new PersonRecordCheck(personId, requirement.Purpose, decision);
        if (decision.Allowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, decision.Reason));
        }
    }
}

/// <summary>
/// Sees the outcome of every authorization decision: writes each allowed access to a person's record and every
/// refusal to the audit trail, sends a clinician without a relationship to break glass, and answers a missing person
/// with 404.
/// </summary>
public sealed class AuditingResultHandler(AuditTrail audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var user = new CurrentUser(context.User);
        var check = context.Items[PersonRecordHandler.ItemKey] as PersonRecordCheck;
        var route = RouteOf(context);
        var recordRequirement = policy.Requirements.OfType<PersonRecordRequirement>().FirstOrDefault();
        var action = (check?.Purpose ?? recordRequirement?.Purpose) switch
        {
            AccessPurpose.Write => "write",
            AccessPurpose.Read => "read",
            _ => "open",
        };
        if (result.Succeeded)
        {
            if (check is not null)
            {
                await audit.RecordAsync(new AuditEvent(user.Id, user.AuditName, user.AuditRole, check.PersonId, action, route,
                    AuditOutcome.Allowed, check.Decision.Reason, check.Decision.BreakGlass), context.RequestAborted);
            }
            await next(context);
            return;
        }

        var reason = result.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message
            ?? (user.IsSignedIn ? "Not allowed" : "Not signed in");
        var refusedPerson = check?.PersonId ?? (recordRequirement is null ? null : PersonIdInRoute(context));
        context.RequestServices.GetRequiredService<RequestRefusal>().Recorded = true;
        if (user.IsSignedIn)
        {
            await audit.RecordAsync(new AuditEvent(user.Id, user.AuditName, user.AuditRole, refusedPerson, action, route, AuditOutcome.Refused, reason), context.RequestAborted);
        }
        else
        {
            await context.RequestServices.GetRequiredService<AnonymousRefusals>().RecordAsync(action, route, refusedPerson, reason, context.RequestAborted);
        }

        if (check is { Decision.PersonExists: false } && user.IsSignedIn)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (check is { Decision.BreakGlassAvailable: true, PersonId: { } personId } && HttpMethods.IsGet(context.Request.Method))
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"/people/{personId}/break-glass?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }

    /// <summary>"GET /people/{id:guid}": the method and the route template, not the filled-in path.</summary>
    public static string RouteOf(HttpContext context)
    {
        // A path no page answers is not written out: anyone can make up endlessly many.
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no such page)";
        // Methods too: a client may send any word as one.
        var method = context.Request.Method is "GET" or "HEAD" or "POST" or "PUT" or "PATCH" or "DELETE" or "OPTIONS" ? context.Request.Method : "OTHER";
        return $"{method} /{template.TrimStart('/')}";
    }

    private static Guid? PersonIdInRoute(HttpContext context) =>
        Guid.TryParse(context.GetRouteValue("id")?.ToString(), out var id) ? id : null;
}
