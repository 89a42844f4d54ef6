using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Notify.Client;
using Notify.Exceptions;
using Upcare.People;

namespace Upcare.Messaging;

/// <summary>How one request to the sending service came out.</summary>
public enum SendOutcome
{
    Accepted,

    /// <summary>Refused for good (a 400: no such number, a bad address): trying again would not help.</summary>
    Refused,

    /// <summary>Not accepted this time and known not to be (429, 403): try again later.</summary>
    TryAgain,

    /// <summary>No answer, or a 5xx: the service may hold it, so ask before sending again.</summary>
    Unknown,
}

/// <summary>What the sending service answered: the outcome, its id for the message when accepted, or why not.</summary>
public sealed record SendAnswer(SendOutcome Outcome, string? ProviderId, string? Error);

/// <summary>Whether the sending service answered a look-up, and its id for the message when it holds it.</summary>
public sealed record Lookup(bool Answered, string? ProviderId, string? Error);

/// <summary>
/// GOV.UK Notify through its official .NET client: sends a message from the outbox by template, finds one by its
/// reference (the outbox message's id) and reads a delivery status. Every failure comes back as an answer, not thrown.
/// </summary>
public sealed partial class NotifyGateway(IHttpClientFactory http, IOptions<NotifyOptions> options)
{
    public const string HttpClientName = "govuk-notify";

    private NotificationClient? client;

    // Made on first use: without a key (Notify not configured) nothing here is ever called.
    private NotificationClient Client => client ??= Create(http, options.Value);

    private NotifyOptions Options => options.Value;

    private static NotificationClient Create(IHttpClientFactory http, NotifyOptions o)
    {
        var baseUrl = o.BaseUrl.EndsWith('/') ? o.BaseUrl : o.BaseUrl + "/";
        return new NotificationClient(new NotifyHttp(http.CreateClient(HttpClientName), new Uri(baseUrl)), o.ApiKey!.Trim());
    }

    public async Task<SendAnswer> SendAsync(OutboxMessage m)
    {
        var reference = m.Id.ToString();
        try
        {
            switch (m.Channel)
            {
                case ContactMethod.Email:
                    var email = await Client.SendEmailAsync(m.To, Options.EmailTemplateId, new() { ["subject"] = m.Subject, ["body"] = m.Body }, reference, null);
                    return new SendAnswer(SendOutcome.Accepted, email.id, null);
                case ContactMethod.TextMessage or ContactMethod.Phone:
                    var sms = await Client.SendSmsAsync(m.To, Options.SmsTemplateId, new() { ["body"] = m.Body }, reference, null);
                    return new SendAnswer(SendOutcome.Accepted, sms.id, null);
                default:
                    var letter = await Client.SendLetterAsync(Options.LetterTemplateId, LetterPersonalisation(m), reference);
                    return new SendAnswer(SendOutcome.Accepted, letter.id, null);
            }
        }
        catch (Exception e)
        {
            return Classify(e);
        }
    }

    /// <summary>Whether Notify holds a message sent with this reference, and its id there; not answered when it could not say.</summary>
    public async Task<Lookup> FindAsync(Guid messageId)
    {
        try
        {
            var found = await Client.GetNotificationsAsync("", "", messageId.ToString(), "", false);
            var match = found.notifications?.FirstOrDefault(n => n.reference == messageId.ToString());
            return new Lookup(true, match?.id, null);
        }
        catch (Exception e)
        {
            return new Lookup(false, null, Classify(e).Error);
        }
    }

    /// <summary>The message's delivery status as Notify says it ("delivered", "permanent-failure"…), or null when it could not say.</summary>
    public async Task<string?> StatusAsync(string providerId)
    {
        try
        {
            return (await Client.GetNotificationByIdAsync(providerId)).status;
        }
        catch (Exception)
        {
            // As with sending, the client wraps timeouts and dropped connections; any failure means "ask again next time".
            return null;
        }
    }

    /// <summary>Notify's letter personalisation: up to seven address lines, the postcode last, then the heading and body.</summary>
    public static Dictionary<string, dynamic> LetterPersonalisation(OutboxMessage m)
    {
        var lines = (m.LetterAddress ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var p = new Dictionary<string, dynamic>();
        // Notify prints seven lines at most: the first six, then the postcode on the last.
        var kept = lines.Length <= 7 ? lines : [.. lines.Take(6), lines[^1]];
        for (var i = 0; i < kept.Length; i++)
        {
            p[$"address_line_{i + 1}"] = kept[i];
        }
        p["subject"] = m.Subject;
        p["body"] = m.Body;
        return p;
    }

    private static SendAnswer Classify(Exception e)
    {
        if (e is NotifyClientException && StatusCode().Match(e.Message) is { Success: true } match)
        {
            var status = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var why = $"GOV.UK Notify answered {status}: {Shorten(e.Message)}";
            return status switch
            {
                400 => new SendAnswer(SendOutcome.Refused, null, why),
                403 or 429 => new SendAnswer(SendOutcome.TryAgain, null, why),
                _ => new SendAnswer(SendOutcome.Unknown, null, why),
            };
        }
        // The client wraps what HttpClient throws: a timeout is a cancelled task somewhere inside.
        var what = e is TaskCanceledException || e.GetBaseException() is TaskCanceledException or TimeoutException ? "no answer from GOV.UK Notify in time" : $"could not reach GOV.UK Notify ({Shorten(e.GetBaseException().Message)})";
        return new SendAnswer(SendOutcome.Unknown, null, what);
    }

    private static string Shorten(string s) => s.Length <= 400 ? s : s[..400] + "…";

    [GeneratedRegex(@"Status code (\d{3})")]
    private static partial Regex StatusCode();
}
