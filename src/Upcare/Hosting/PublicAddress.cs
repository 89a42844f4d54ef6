using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Upcare.Hosting;

/// <summary>
/// The address people and other systems reach Upcare at (<c>Upcare:PublicBaseUrl</c>). Links, FHIR base URLs and the
/// token endpoint (the audience of every client assertion) come from it, never from a request's Host header, and
/// requests naming another host are refused (400) before anything runs.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "Upcare:PublicBaseUrl";

    /// <summary>The configured address without a trailing slash, or null when none is set.</summary>
    public static Uri? Configured(IConfiguration configuration) =>
        configuration[Setting] is { Length: > 0 } value ? Parse(value) : null;

    /// <summary>
    /// The base URL for links in answers to <paramref name="http"/>. Only a local run (Development, tests, benchmarks)
    /// may leave the setting out and use the request's own address; Production refuses to start without it.
    /// </summary>
    public static string Of(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<UpcareOptions>>().Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    /// <summary>Serving in Production without the setting is refused at start; commands (seed, migrate) do not need it.</summary>
    public static void RequireInProduction(WebApplication app)
    {
        if (Configured(app.Configuration) is null && app.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Set {Setting} (environment variable Upcare__PublicBaseUrl) to the address people use to reach Upcare, like https://upcare.example.nhs.uk. " +
                "Links and access-token audiences are built from it, not from the Host header a caller sends.");
        }
    }

    public static void AddPublicAddress(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = Configured(configuration);
        if (configured is null)
        {
            return;
        }
        // Runs after the host's own reading of AllowedHosts: the public host, plus any hosts an operator lists for probes.
        services.PostConfigure<HostFilteringOptions>(o =>
        {
            var extra = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(h => h != "*");
            o.AllowedHosts = [configured.Host, .. extra];
            o.AllowEmptyHosts = false;
        });
    }

    private static Uri Parse(string value) =>
        Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? uri
            : throw new InvalidOperationException($"{Setting} must be an http or https address, like https://upcare.example.nhs.uk (it was \"{value}\")");
}
