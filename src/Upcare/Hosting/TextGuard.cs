using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Upcare.Hosting;

/// <summary>
/// Refuses text that no field can hold before any handler sees it: a NUL or other control character (PostgreSQL cannot
/// store U+0000 at all), invalid UTF-8 in a JSON body, or a JSON body over the size limit. Each edge is told in its own
/// format (problem details, an OperationOutcome, the NHS.UK error page) and nothing is stored.
/// </summary>
public sealed class TextGuard(RequestDelegate next)
{
    /// <summary>The <see cref="HttpContext.Items"/> key holding why a page's form was refused, for the error page.</summary>
    public const string RefusedText = "upcare:refused-text";

    /// <summary>The largest JSON body /api and /fhir accept.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null)
        {
            // The error page being shown for this request: the request was already judged.
            await next(context);
            return;
        }
        var problem = FirstBadQueryValue(request.Query);
        if (problem is null && request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException)
            {
                // The form reader itself refuses a NUL (and a form over its limits); say so instead of failing.
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Something you entered contains a character (such as a null character) that cannot be stored, or the form is too large");
                return;
            }
            problem = form.Where(f => f.Value.Any(v => HasControlCharacter(v))).Select(f => $"The field {f.Key} contains a control character (such as a null character) that cannot be stored").FirstOrDefault();
        }
        else if (problem is null && IsJson(request.ContentType) && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/fhir")))
        {
            var (tooLarge, bad) = await CheckJsonAsync(request, context.RequestAborted);
            if (tooLarge)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than the {MaxJsonBytes / 1024:N0} KB this service accepts");
                return;
            }
            problem = bad;
        }
        if (problem is not null)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }
        await next(context);
    }

    /// <summary>C0 control characters other than tab, line feed and carriage return, and DEL.</summary>
    public static bool HasControlCharacter(string? text) =>
        text is not null && text.AsSpan().IndexOfAny(Controls) >= 0;

    private static readonly SearchValues<char> Controls = SearchValues.Create(
        Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c).Append('\u007f').ToArray());

    private static string? FirstBadQueryValue(IQueryCollection query) =>
        query.Where(q => HasControlCharacter(q.Key) || q.Value.Any(v => HasControlCharacter(v)))
            .Select(q => $"The search value {q.Key} contains a control character (such as a null character) that cannot be used").FirstOrDefault();

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.Contains("/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<(bool TooLarge, string? Problem)> CheckJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxJsonBytes)
        {
            return (true, null);
        }
        request.EnableBuffering(MaxJsonBytes);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxJsonBytes)
            {
                return (true, null);
            }
        }
        request.Body.Position = 0;
        return (false, Inspect(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>Walks the JSON: every string (names and values) must be valid UTF-8 without control characters.</summary>
    private static string? Inspect(ReadOnlySpan<byte> json)
    {
        if (!Utf8IsValid(json))
        {
            return "The body is not valid UTF-8: send JSON encoded as UTF-8";
        }
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && HasControlCharacter(reader.GetString()))
                {
                    return "A text value in the body contains a control character (such as \\u0000) that cannot be stored";
                }
            }
        }
        catch (JsonException e)
        {
            // Malformed JSON is left to the endpoint, which says what it expected; nesting deeper than any resource needs is refused here.
            return e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) ? "The body is nested more deeply than this service accepts (64 levels)" : null;
        }
        catch (InvalidOperationException)
        {
            return "A text value in the body is not valid UTF-8";
        }
        return null;
    }

    private static bool Utf8IsValid(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static async Task RefuseAsync(HttpContext context, int status, string message)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/fhir"))
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = $"{Fhir.FhirApi.MediaType}; charset=utf-8";
            await context.Response.WriteAsync(Fhir.FhirApi.OutcomeJson(status == 413 ? Hl7.Fhir.Model.OperationOutcome.IssueType.TooLong : Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid, message));
        }
        else if (path.StartsWithSegments("/api"))
        {
            await Results.Problem(message, statusCode: status, title: status == 413 ? "Body too large" : "The request was refused").ExecuteAsync(context);
        }
        else
        {
            // The NHS.UK error page says what was wrong (status code pages re-execute /error/400).
            context.Items[RefusedText] = message;
            // Shown as a GET with no form, so the error page never reads the refused form itself.
            context.Request.Method = HttpMethods.Get;
            context.Request.ContentType = null;
            context.Response.StatusCode = status;
        }
    }
}
