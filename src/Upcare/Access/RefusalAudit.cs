namespace Upcare.Access;

/// <summary>Whether this request's refusal is already in the audit trail, so the catch-all below does not write it twice.</summary>
public sealed class RequestRefusal
{
    public bool Recorded { get; set; }

    /// <summary>Why, when the edge that refused knows better than "answered 403" (a FHIR scope, say).</summary>
    public string? Reason { get; set; }

    /// <summary>Notes why this request is being refused, for its audit entry.</summary>
    public static void Note(HttpContext context, string reason) => context.RequestServices.GetRequiredService<RequestRefusal>().Reason = reason;
}

/// <summary>
/// Every refusal is audited, wherever it was decided: the authorization rules and <see cref="PersonAccess"/> write their
/// own entries; any other 403 (a FHIR scope, a role an API handler refuses, a page's own check) is written here.
/// </summary>
public static class RefusalAudit
{
    public static IApplicationBuilder UseRefusalAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next();
        var refusal = context.RequestServices.GetRequiredService<RequestRefusal>();
        if (context.Response.StatusCode != StatusCodes.Status403Forbidden || refusal.Recorded)
        {
            return;
        }
        var user = new CurrentUser(context.User);
        var route = AuditingResultHandler.RouteOf(context);
        var reason = refusal.Reason ?? "Refused (403)";
        if (!user.IsSignedIn)
        {
            await context.RequestServices.GetRequiredService<AnonymousRefusals>().RecordAsync("refused", route, null, reason, CancellationToken.None);
            return;
        }
        Guid? personId = Guid.TryParse(context.GetRouteValue("id")?.ToString(), out var id) ? id : null;
        await context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(
            new AuditEvent(user.Id, user.AuditName, user.AuditRole, personId, "refused", route, AuditOutcome.Refused, reason), CancellationToken.None);
    });
}
