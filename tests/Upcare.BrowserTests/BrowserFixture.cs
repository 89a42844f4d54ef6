using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Upcare.BrowserTests;

/// <summary>Upcare on Kestrel (demo mode, a fresh SQLite file) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    public const string DemoPassword = "browser-test-demo-password";
    private IPlaywright? _playwright;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"upcare-browser-{Guid.NewGuid():N}");

    public DemoApp App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} not found. Install Debian's Chromium: sudo apt-get install chromium");
        }
        App = new DemoApp(_dataDirectory);
        // HTTPS, as in production: the session and antiforgery cookies are Secure. A throwaway self-signed certificate.
        var certificate = SelfSignedCertificate();
        App.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--ignore-certificate-errors", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=localhost", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Re-import so Kestrel gets a certificate whose private key it can use on every platform.
        return System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Someone from the seeded demo population registered at the demo clinician's practice, to search for.</summary>
    public async Task<Upcare.People.Person> AnySeededPersonAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Upcare.Data.UpcareDbContext>();
        var practice = await db.Organisations.Where(o => o.Code == "A99901").Select(o => o.Id).SingleAsync();
        return await db.People.AsNoTracking().Where(p => p.GpPracticeId == practice).OrderBy(p => p.NhsNumber).FirstAsync();
    }

    /// <summary>Signs in on the sign-in page as the demo account <paramref name="who"/> ("clinician", "person1" …).</summary>
    public async Task SignInAsync(IPage page, string who)
    {
        await page.GotoAsync(BaseUrl + "/sign-in");
        await page.GetByLabel("Email address").FillAsync($"{who}@demo.upcare.test");
        await page.GetByLabel("Password").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".upcare-signed-in")).ToBeVisibleAsync();
    }

    /// <summary>Runs axe-core (from npm) in the page and returns the WCAG 2.2 AA violations, one line each.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        var axePath = typeof(BrowserFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AxeScript").Value!;
        if (!File.Exists(axePath))
        {
            throw new InvalidOperationException($"axe-core not found at {axePath}. Run 'npm ci' at the repository root.");
        }
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = await File.ReadAllTextAsync(axePath) });
        var json = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }))" +
            ".violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')");
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}

/// <summary>The app as a newcomer runs it: demo mode seeds a small synthetic population into an empty SQLite file.</summary>
public sealed class DemoApp(string dataDirectory) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Upcare", "");
        builder.UseSetting("Upcare:DataDirectory", dataDirectory);
        builder.UseSetting("Upcare:Demo", "true");
        builder.UseSetting("Upcare:DemoPeople", "300");
        builder.UseSetting("Upcare:DemoPassword", BrowserFixture.DemoPassword);
        // Every browser test signs in from 127.0.0.1; the per-address limit has its own test.
        builder.UseSetting("Upcare:SignIn:AttemptsPerMinute", "10000");
    }
}
