using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Upcare.ServiceDirectory;

/// <summary>
/// How an import reaches another directory's API without becoming a way into this network: it connects only to public
/// addresses (checked after DNS, on every connection, so a redirect or a name that resolves inward is refused too),
/// reads at most <see cref="MaxResponseBytes"/> per answer and <see cref="MaxPages"/> pages, and reports every failure
/// with the same words, so it cannot be used to tell which internal ports answer.
/// </summary>
public static class ImportHttp
{
    public const string ClientName = "oruk-import";
    public const int MaxResponseBytes = 10 * 1024 * 1024;
    public const int MaxPages = 500;
    public const string CouldNotRead = "Could not read an Open Referral UK API at that address";

    public static IServiceCollection AddImportHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 3,
                ConnectCallback = ConnectToPublicAddressAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseProxy = false,
            });
        return services;
    }

    /// <summary>Reads one JSON answer, refusing one larger than <see cref="MaxResponseBytes"/> before it is all in memory.</summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpClient http, string url, CancellationToken ct)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new HttpRequestException("The answer is too large");
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new HttpRequestException("The answer is too large");
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return await JsonDocument.ParseAsync(buffer, cancellationToken: ct);
    }

    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        // Every address the name has must be public: otherwise a second lookup could answer with the inward one.
        if (addresses.Length == 0 || !addresses.All(IsPublic))
        {
            throw new HttpRequestException("Refused: not a public address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>False for loopback, private, link-local (cloud metadata), shared, documentation, multicast and reserved ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                || (b[0] == 198 && b[1] is 18 or 19)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation 2001:db8::/32
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // NAT64 64:ff9b::/96 reaches IPv4 inside
                || b.Take(12).All(x => x == 0)); // ::/96, IPv4-compatible
        }
        return false;
    }
}
