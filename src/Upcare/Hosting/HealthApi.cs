using Upcare.Data;

namespace Upcare.Hosting;

/// <summary><c>GET /health</c>: 200 when the database answers, 503 when it does not.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (UpcareDbContext db, DatabaseInfo info, CancellationToken ct) =>
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
            var body = new { status = answers ? "Healthy" : "Unhealthy", database = new { provider = info.Provider.ToString(), status = answers ? "Healthy" : "Unreachable" } };
            return Results.Json(body, statusCode: answers ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithName("Health").AllowAnonymous();
        return app;
    }
}
