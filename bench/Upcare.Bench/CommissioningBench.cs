using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Upcare.Bench;

/// <summary>
/// Renders each commissioner page over HTTP, one request at a time as a commissioner would, and reports the median,
/// 90th percentile and slowest time of each. Sets up an outcomes contract through the contracts page first (so the
/// payment calculation page has one to work out), over the last year for the first primary care network offered.
/// </summary>
public static partial class CommissioningBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine("usage: Upcare.Bench commissioning BASE_URL EMAIL PASSWORD [REQUESTS=7] [WARMUP=2]");
            return 2;
        }
        var requests = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 7;
        var warmup = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 2;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(args[1]), Timeout = TimeSpan.FromMinutes(5) };
        var cookies = await BenchHttp.SignInAsync(http, args[2], args[3]);
        var contract = await CreateContractAsync(http, cookies);

        string[] pages =
        [
            "/figures", "/figures/reach", "/figures/reach?Split=ImdDecile", "/figures/reach?Split=AgeBand", "/figures/reach?Split=Sex",
            "/figures/reach?Split=EthnicCategory", "/figures/reach?Split=LongTermConditions", "/figures/reach?handler=Csv&Split=ImdDecile",
            "/figures/outcomes", "/figures/outcomes?Split=ImdDecile", "/figures/outcomes?Split=LongTermConditions",
            "/figures/vcse", "/figures/vcse?Split=ImdDecile", "/figures/budgets", "/figures/budgets?Split=AgeBand",
            "/figures/contracts", $"/figures/contracts/{contract}", $"/figures/contracts/{contract}?handler=Csv", "/figures/feedback", "/figures/choice",
        ];
        var failed = 0;
        Console.WriteLine($"{"page",-48} {"median ms",10} {"p90 ms",8} {"max ms",8} {"bytes",9}");
        foreach (var page in pages)
        {
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i < warmup + requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await BenchHttp.GetAsync(http, page, cookies);
                var body = await response.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"GET {page} gave {(int)response.StatusCode}");
                    failed++;
                    break;
                }
                bytes = body.Length;
                if (i >= warmup)
                {
                    times.Add(ms);
                }
            }
            if (times.Count == 0)
            {
                continue;
            }
            times.Sort();
            Console.WriteLine($"{page,-48} {times[times.Count / 2],10:F1} {times[Math.Min(times.Count - 1, (int)(0.9 * times.Count))],8:F1} {times[^1],8:F1} {bytes,9:N0}");
        }
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Sets up an outcomes contract the way a commissioner does, and returns its id.</summary>
    private static async Task<string> CreateContractAsync(HttpClient http, string cookies)
    {
        using var form = await BenchHttp.GetAsync(http, "/figures/contracts", cookies);
        var html = await form.Content.ReadAsStringAsync();
        var provider = Provider().Match(html).Groups[1].Value;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddYears(-1);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value,
            ["Input.Name"] = "Benchmark outcomes contract", ["Input.ProviderId"] = provider,
            ["Input.From.Day"] = $"{from.Day}", ["Input.From.Month"] = $"{from.Month}", ["Input.From.Year"] = $"{from.Year}",
            ["Input.To.Day"] = $"{today.Day}", ["Input.To.Month"] = $"{today.Month}", ["Input.To.Year"] = $"{today.Year}",
            ["Input.WellbeingTariff"] = "500", ["Input.WellbeingCap"] = "1000", ["Input.AdmissionTariff"] = "1200", ["Input.AdmissionCap"] = "200", ["Input.TotalCap"] = "400000",
        };
        var post = new HttpRequestMessage(HttpMethod.Post, "/figures/contracts") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", cookies);
        post.Headers.Add("X-Forwarded-Proto", "https");
        using var created = await http.SendAsync(post);
        var location = created.Headers.Location?.ToString() ?? "";
        var id = ContractId().Match(location);
        if (created.StatusCode != HttpStatusCode.Redirect || !id.Success)
        {
            throw new InvalidOperationException($"Setting up the contract gave {(int)created.StatusCode} {location}");
        }
        return id.Groups[1].Value;
    }

    [GeneratedRegex("name=\"Input.ProviderId\"[^>]*>.*?<option value=\"([0-9a-f-]{36})\"", RegexOptions.Singleline)]
    private static partial Regex Provider();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/figures/contracts/([0-9a-f-]{36})")]
    private static partial Regex ContractId();
}
