using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Upcare.Hosting;

/// <summary>
/// What a failure nobody expected looks like at each edge, outside Development: a JSON client gets problem details, a
/// FHIR client an OperationOutcome, a person the NHS.UK error page. When the database cannot be reached the answer is
/// 503 with Retry-After, so clients and people know to try again shortly rather than that something is broken.
/// </summary>
public sealed class UnexpectedErrors(ILogger<UnexpectedErrors> logger) : IExceptionHandler
{
    /// <summary>The <see cref="HttpContext.Items"/> key telling the error page that the database is unavailable.</summary>
    public const string DatabaseUnavailable = "upcare:database-unavailable";

    /// <summary>Seconds a client is asked to wait before trying again during an outage.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var outage = IsDatabaseOutage(exception);
        if (outage)
        {
            logger.LogWarning(exception, "The database is unavailable: answered 503 to {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // By now the request's path is the error page's; the feature keeps the one that failed.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path);
        if (path.StartsWithSegments("/api"))
        {
            // Written directly: a client that sent no Accept header still gets problem details, never the HTML page.
            await Results.Problem(outage
                ? new ProblemDetails { Status = 503, Title = "Service unavailable", Detail = $"The service cannot reach its database just now. Nothing was changed by this request; try again in {RetryAfterSeconds} seconds." }
                : new ProblemDetails { Status = 500, Title = "Unexpected error", Detail = "Something went wrong on our side. If the request changed something, read it again before retrying." })
                .ExecuteAsync(context);
            return true;
        }
        if (path.StartsWithSegments("/fhir"))
        {
            context.Response.ContentType = $"{Fhir.FhirApi.MediaType}; charset=utf-8";
            await context.Response.WriteAsync(outage
                ? Fhir.FhirApi.OutcomeJson(Hl7.Fhir.Model.OperationOutcome.IssueType.Transient, $"The service cannot reach its database just now; try again in {RetryAfterSeconds} seconds")
                : Fhir.FhirApi.OutcomeJson(Hl7.Fhir.Model.OperationOutcome.IssueType.Exception, "Something went wrong on our side; read the resource again before retrying a change"), ct);
            return true;
        }
        // The error page is shown as a GET: re-running a POST would run the form's handler or its antiforgery check again.
        context.Request.Method = HttpMethods.Get;
        context.Request.ContentType = null;
        context.Items[DatabaseUnavailable] = outage;
        return false;
    }

    /// <summary>True when the exception (or one it wraps) says the database could not be reached or went away.</summary>
    public static bool IsDatabaseOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    // Connection lost, shut down, starting up, or out of connections.
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6: // busy, locked
                    return true;
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
