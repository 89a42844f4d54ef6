using System.Globalization;
using Upcare.Data;

namespace Upcare.Hosting;

/// <summary>
/// Health for load balancers and orchestrators: <c>/health/live</c> (the process answers: 200, never the database),
/// <c>/health/ready</c> (and <c>/health</c>): 200 when the database answers, 503 with Retry-After when it does not, so
/// traffic goes to another instance rather than to one that would fail.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new { status = "Healthy" })).WithName("Live").AllowAnonymous();
        app.MapGet("/health/ready", ReadyAsync).WithName("Ready").AllowAnonymous();
        app.MapGet("/health", ReadyAsync).WithName("Health").AllowAnonymous();
        return app;
    }

    private static async Task<IResult> ReadyAsync(HttpContext http, UpcareDbContext db, DatabaseInfo info, CancellationToken ct)
    {
        bool answers;
        try
        {
            answers = await db.Database.CanConnectAsync(ct);
        }
        catch (Exception)
        {
            answers = false;
        }
        if (!answers)
        {
            http.Response.Headers.RetryAfter = UnexpectedErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        var body = new { status = answers ? "Healthy" : "Unhealthy", database = new { provider = info.Provider.ToString(), status = answers ? "Healthy" : "Unreachable" } };
        return Results.Json(body, statusCode: answers ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
