using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Upcare.Messaging;

/// <summary>
/// The <c>Upcare:Notify</c> section: how the outbox is sent with GOV.UK Notify. With no <see cref="ApiKey"/> nothing is
/// sent and messages wait in the outbox (the embedded default and the demo).
/// </summary>
public sealed class NotifyOptions
{
    /// <summary>The service's API key from GOV.UK Notify (<c>name-{service id}-{secret}</c>); keep it in a secret store.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Notify's API address; changed only to point at a test double.</summary>
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk/";

    /// <summary>The email template: its subject is <c>((subject))</c> and its body <c>((body))</c>.</summary>
    public string? EmailTemplateId { get; set; }

    /// <summary>The text message template: <c>((body))</c>.</summary>
    public string? SmsTemplateId { get; set; }

    /// <summary>The letter template: heading <c>((subject))</c> and body <c>((body))</c>; the address comes from the outbox.</summary>
    public string? LetterTemplateId { get; set; }

    /// <summary>How often the outbox is looked at for messages to send.</summary>
    public TimeSpan SendEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many messages one run claims at a time.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How many requests to Notify are in flight at once (Notify allows 3,000 a minute per key).</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>How long one request to Notify may take before it counts as failed (and the message as maybe sent).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="RetryAtMost"/>.</summary>
    public TimeSpan RetryFirstAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryAtMost { get; set; } = TimeSpan.FromHours(1);

    /// <summary>After this many failed attempts a message is marked failed, for an administrator to see and try again.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>A claim older than this belongs to a sender that died: the message goes back to the queue, marked maybe sent.</summary>
    public TimeSpan ClaimExpiresAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a sent message's delivery status is asked for, until it is final.</summary>
    public TimeSpan CheckDeliveryEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Notify keeps a message's status for seven days; after that it is no longer asked.</summary>
    public TimeSpan FollowDeliveryFor { get; set; } = TimeSpan.FromDays(7);

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Checks the Notify settings when the app starts, so a wrong key or template fails the start, not the first send.</summary>
public sealed class NotifyOptionsValidation : IValidateOptions<NotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, NotifyOptions o)
    {
        if (!o.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        // A Notify key ends with two GUIDs, the service id then the secret, after a name of the key's own.
        var key = o.ApiKey!.Trim();
        if (key.Length < 74 || !Guid.TryParse(key[^73..^37], out _) || !Guid.TryParse(key[^36..], out _))
        {
            errors.Add("Upcare:Notify:ApiKey is not a GOV.UK Notify API key (name-{service id}-{secret}).");
        }
        if (!Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            errors.Add("Upcare:Notify:BaseUrl must be an absolute http(s) address.");
        }
        foreach (var (setting, value) in new[] { ("EmailTemplateId", o.EmailTemplateId), ("SmsTemplateId", o.SmsTemplateId), ("LetterTemplateId", o.LetterTemplateId) })
        {
            if (!Guid.TryParse(value, out _))
            {
                errors.Add($"Upcare:Notify:{setting} must be the template's id from GOV.UK Notify (a GUID).");
            }
        }
        if (o.SendEvery <= TimeSpan.Zero || o.RequestTimeout <= TimeSpan.Zero || o.RetryFirstAfter <= TimeSpan.Zero || o.ClaimExpiresAfter <= o.RequestTimeout)
        {
            errors.Add("Upcare:Notify: SendEvery, RequestTimeout and RetryFirstAfter must be positive, and ClaimExpiresAfter longer than RequestTimeout.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
