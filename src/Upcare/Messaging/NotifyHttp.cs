using System.Net.Http.Headers;
using Notify.Interfaces;

namespace Upcare.Messaging;

/// <summary>
/// The Notify client's HTTP, on a client from the app's factory: the configured address (the client would otherwise
/// always use Notify's own), the configured timeout, and the app's HTTP telemetry.
/// </summary>
internal sealed class NotifyHttp(HttpClient client, Uri baseAddress) : IHttpClient
{
    private string? userAgent;
    private string? accept;

    // The Notify client sets its default address here; the configured one stands.
    public Uri BaseAddress
    {
        get => baseAddress;
        set { }
    }

    public void SetClientBaseAddress()
    {
    }

    public void AddContentHeader(string header) => accept = header;

    public void AddUserAgent(string userAgent) => this.userAgent = userAgent;

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(baseAddress, relative);
        }
        else if (request.RequestUri is { } absolute)
        {
            request.RequestUri = new Uri(baseAddress, absolute.PathAndQuery.TrimStart('/'));
        }
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        return client.SendAsync(request);
    }

    public void Dispose()
    {
        // The factory owns the client.
    }
}
