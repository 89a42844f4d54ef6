using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Upcare.Data;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>Links and token audiences come from Upcare:PublicBaseUrl; a request naming another host is refused.</summary>
public sealed class PublicAddressTests
{
    private static async Task<UpcareApp> StartAsync(Dictionary<string, string?> settings) =>
        new(DatabaseProvider.Sqlite, await UpcareApp.NewDatabaseAsync(DatabaseProvider.Sqlite, "public-address"), settings);

    private static HttpClient ClientFor(UpcareApp app, string address) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(address) });

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task The_token_endpoint_and_fhir_links_use_the_configured_address_and_other_hosts_are_refused(string environment)
    {
        await using var app = await StartAsync(new() { ["environment"] = environment, ["Upcare:PublicBaseUrl"] = "https://upcare.example.nhs.uk/" });
        using var ours = ClientFor(app, "https://upcare.example.nhs.uk");
        var smart = JsonDocument.Parse(await ours.GetStringAsync("/fhir/.well-known/smart-configuration")).RootElement;
        Assert.Equal("https://upcare.example.nhs.uk/fhir/auth/token", smart.GetProperty("token_endpoint").GetString());
        var metadata = JsonDocument.Parse(await ours.GetStringAsync("/fhir/metadata")).RootElement;
        Assert.Equal("https://upcare.example.nhs.uk/fhir", metadata.GetProperty("implementation").GetProperty("url").GetString());

        // An attacker's Host header would otherwise set the audience a client assertion is checked against, and every link.
        using var evil = ClientFor(app, "https://evil.example");
        foreach (var path in new[] { "/fhir/.well-known/smart-configuration", "/fhir/metadata", "/", "/sign-in", "/api/people" })
        {
            using var response = await evil.GetAsync(path);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync());
        }
        using var token = await evil.PostAsync("/fhir/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
    }

    [Fact]
    public async Task Hosts_an_operator_lists_for_health_probes_are_let_through_as_well()
    {
        await using var app = await StartAsync(new() { ["Upcare:PublicBaseUrl"] = "https://upcare.example.nhs.uk", ["AllowedHosts"] = "10.0.0.7" });
        using var probe = ClientFor(app, "http://10.0.0.7");
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health")).StatusCode);
        using var evil = ClientFor(app, "https://evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await evil.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Production_will_not_serve_without_a_configured_address()
    {
        await using var app = await StartAsync(new() { ["environment"] = "Production", ["Upcare:PublicBaseUrl"] = "" });
        var refused = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("Upcare:PublicBaseUrl", refused.Message);
    }
}
