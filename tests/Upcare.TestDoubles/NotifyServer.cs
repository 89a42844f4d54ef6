using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Upcare.TestDoubles;

/// <summary>
/// A local server speaking GOV.UK Notify's API v2 (send email, text message and letter; get one notification; list by
/// reference), checking what Notify checks (the bearer token signed with the key's secret and issued by its service,
/// the template, the recipient, the personalisation), keeping what it accepted, and failing on request: 5xx, 429,
/// slow answers, accepting and then failing, or being down altogether.
/// </summary>
public sealed partial class NotifyServer : IAsyncDisposable
{
    public const string ServiceId = "3a2c7f4e-5b1d-4c8e-9f60-1d2e3f4a5b6c";
    public const string Secret = "8e7d6c5b-4a39-4281-b7a6-95f4e3d2c1b0";
    public const string ApiKey = "upcare_test-" + ServiceId + "-" + Secret;
    public const string EmailTemplate = "11111111-2222-4333-8444-555555555501";
    public const string SmsTemplate = "11111111-2222-4333-8444-555555555502";
    public const string LetterTemplate = "11111111-2222-4333-8444-555555555503";

    /// <summary>One notification Notify accepted.</summary>
    public sealed record Received(string Id, string Type, string Reference, string TemplateId, string? To, JsonObject Personalisation, DateTime At)
    {
        public string Status { get; set; } = Type == "letter" ? "accepted" : "created";
    }

    private readonly ConcurrentDictionary<string, Received> _byId = new();
    private readonly ConcurrentQueue<(int Status, bool AcceptFirst)> _failures = new();
    private WebApplication? _app;
    private int _port;

    /// <summary>Every notification accepted, in any order.</summary>
    public IReadOnlyCollection<Received> Accepted => _byId.Values.ToList();

    /// <summary>How many send requests arrived, accepted or not.</summary>
    public int SendRequests => _sendRequests;
    private int _sendRequests;

    /// <summary>How long each answer waits before it is given (to be slower than the client's timeout).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Answer 5xx every time, until turned off.</summary>
    public int? AlwaysFailWith { get; set; }

    public string Url => $"http://127.0.0.1:{_port}/";

    public static async Task<NotifyServer> StartAsync()
    {
        var server = new NotifyServer();
        await server.UpAsync();
        return server;
    }

    /// <summary>The next <paramref name="count"/> send requests answer <paramref name="status"/>; with <paramref name="acceptFirst"/> the notification is kept all the same (a reply lost on the way back).</summary>
    public void FailNext(int count, int status, bool acceptFirst = false)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, acceptFirst));
        }
    }

    /// <summary>Back to answering at once, every time, and listening.</summary>
    public async Task ResetAsync()
    {
        (Delay, AlwaysFailWith) = (TimeSpan.Zero, null);
        _failures.Clear();
        if (_app is null)
        {
            await UpAsync();
        }
    }

    /// <summary>Sets what Notify says about a notification's delivery ("delivered", "permanent-failure"…).</summary>
    public void SetStatus(string reference, string status)
    {
        foreach (var n in _byId.Values.Where(n => n.Reference == reference))
        {
            n.Status = status;
        }
    }

    /// <summary>Stops listening: connections are refused until <see cref="UpAsync"/>, on the same port.</summary>
    public async Task DownAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }

    public async Task UpAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        var app = builder.Build();
        app.MapPost("/v2/notifications/{type}", SendAsync);
        app.MapGet("/v2/notifications/{id}", GetAsync);
        app.MapGet("/v2/notifications", (Delegate)ListAsync);
        await app.StartAsync();
        _port = new Uri(app.Urls.First()).Port;
        _app = app;
    }

    public async ValueTask DisposeAsync() => await DownAsync();

    private async Task<IResult> SendAsync(HttpContext http, string type)
    {
        Interlocked.Increment(ref _sendRequests);
        if (await AuthErrorAsync(http) is { } refused)
        {
            return refused;
        }
        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        }
        catch (JsonException)
        {
            return Error(400, "BadRequestError", "Invalid JSON supplied in POST data");
        }
        var (template, to) = type switch
        {
            "email" => (EmailTemplate, (string?)body["email_address"]),
            "sms" => (SmsTemplate, (string?)body["phone_number"]),
            "letter" => (LetterTemplate, null),
            _ => (null, null),
        };
        if (template is null)
        {
            return Error(404, "NotFound", "Not Found");
        }
        if ((string?)body["template_id"] != template)
        {
            return Error(400, "BadRequestError", "Template not found");
        }
        var personalisation = body["personalisation"] as JsonObject ?? [];
        if (Invalid(type, to, personalisation) is { } invalid)
        {
            return Error(400, "ValidationError", invalid);
        }
        var reference = (string?)body["reference"] ?? "";
        var failure = _failures.TryDequeue(out var f) ? f : AlwaysFailWith is { } always ? (always, false) : ((int, bool)?)null;
        if (failure is null || failure.Value.Item2)
        {
            var id = Guid.NewGuid().ToString();
            _byId[id] = new Received(id, type, reference, template, to, (JsonObject)personalisation.DeepClone(), DateTime.UtcNow);
            if (failure is null)
            {
                await WaitAsync(http);
                return Results.Json(Accepted201(id, type, reference, template, personalisation), statusCode: 201);
            }
        }
        await WaitAsync(http);
        return Error(failure!.Value.Item1, failure.Value.Item1 == 429 ? "RateLimitError" : "Exception", failure.Value.Item1 == 429 ? "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds" : "Internal server error");
    }

    private async Task<IResult> GetAsync(HttpContext http, string id)
    {
        if (await AuthErrorAsync(http) is { } refused)
        {
            return refused;
        }
        await WaitAsync(http);
        return _byId.TryGetValue(id, out var n) ? Results.Json(Describe(n)) : Error(404, "NoResultFound", "No result found");
    }

    private async Task<IResult> ListAsync(HttpContext http)
    {
        if (await AuthErrorAsync(http) is { } refused)
        {
            return refused;
        }
        await WaitAsync(http);
        var reference = http.Request.Query["reference"].ToString();
        var found = _byId.Values.Where(n => reference.Length == 0 || n.Reference == reference).OrderByDescending(n => n.At).Take(250).Select(Describe).ToArray();
        return Results.Json(new JsonObject { ["notifications"] = new JsonArray(found), ["links"] = new JsonObject { ["current"] = $"{Url}v2/notifications" } });
    }

    private async Task WaitAsync(HttpContext http)
    {
        if (Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up waiting; what was accepted stays accepted, as at Notify.
            }
        }
    }

    // Notify's API keys sign a JWT (HS256) with the key's secret, issued by the service id, issued within 30 seconds.
    private static async Task<IResult?> AuthErrorAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Error(401, "AuthError", "Unauthorized: authentication token must be provided");
        }
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(header[7..], new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
            ValidIssuer = ServiceId,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid)
        {
            return Error(403, "AuthError", "Invalid token: API key not found");
        }
        var issued = result.Claims.TryGetValue("iat", out var iat) ? Convert.ToInt64(iat, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - issued) > 30 ? Error(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds") : null;
    }

    private static string? Invalid(string type, string? to, JsonObject p)
    {
        static bool Has(JsonObject p, string key) => p[key] is JsonValue v && ((string?)v)?.Length > 0;
        switch (type)
        {
            case "email" when to is null || !to.Contains('@'):
                return "email_address Not a valid email address";
            case "sms" when to is null || !UkMobile().IsMatch(to.Replace(" ", "")):
                return "phone_number Not a UK mobile number";
            case "letter":
                var lines = Enumerable.Range(1, 7).Select(i => (string?)p[$"address_line_{i}"]).TakeWhile(l => !string.IsNullOrWhiteSpace(l)).ToList();
                if (lines.Count < 3)
                {
                    return "Address must be at least 3 lines";
                }
                if (!Postcode().IsMatch(lines[^1]!))
                {
                    return "Must be a real UK postcode";
                }
                break;
        }
        var missing = (type == "sms" ? new[] { "body" } : ["subject", "body"]).Where(k => !Has(p, k)).ToList();
        return missing.Count > 0 ? $"Missing personalisation: {string.Join(", ", missing)}" : null;
    }

    private JsonObject Accepted201(string id, string type, string reference, string template, JsonObject p)
    {
        var content = new JsonObject { ["body"] = (string?)p["body"] };
        if (type == "email")
        {
            content["subject"] = (string?)p["subject"];
            content["from_email"] = "upcare@notifications.service.gov.uk";
        }
        else if (type == "sms")
        {
            content["from_number"] = "Upcare";
        }
        else
        {
            content["subject"] = (string?)p["subject"];
        }
        var answer = new JsonObject
        {
            ["id"] = id,
            ["reference"] = reference,
            ["content"] = content,
            ["uri"] = $"{Url}v2/notifications/{id}",
            ["template"] = new JsonObject { ["id"] = template, ["version"] = 1, ["uri"] = $"{Url}services/{ServiceId}/templates/{template}" },
        };
        if (type == "letter")
        {
            answer["postage"] = "second";
        }
        return answer;
    }

    private JsonObject Describe(Received n)
    {
        var o = new JsonObject
        {
            ["id"] = n.Id,
            ["reference"] = n.Reference,
            ["type"] = n.Type,
            ["status"] = n.Status,
            ["template"] = new JsonObject { ["id"] = n.TemplateId, ["version"] = 1, ["uri"] = $"{Url}v2/template/{n.TemplateId}" },
            ["body"] = (string?)n.Personalisation["body"],
            ["subject"] = (string?)n.Personalisation["subject"],
            ["created_at"] = n.At.ToString("O"),
            ["created_by_name"] = null,
        };
        if (n.Type == "email")
        {
            o["email_address"] = n.To;
        }
        else if (n.Type == "sms")
        {
            o["phone_number"] = n.To;
        }
        else
        {
            for (var i = 1; i <= 6; i++)
            {
                o[$"line_{i}"] = (string?)n.Personalisation[$"address_line_{i}"];
            }
            o["postage"] = "second";
        }
        return o;
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new JsonObject { ["status_code"] = status, ["errors"] = new JsonArray(new JsonObject { ["error"] = error, ["message"] = message }) }, statusCode: status);

    [GeneratedRegex(@"^(\+44|0044|0)7\d{9}$")]
    private static partial Regex UkMobile();

    [GeneratedRegex(@"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();
}
