using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Upcare.Hosting;
using Upcare.ServiceDirectory;
using Upcare.Synthetic;

namespace Upcare.Bench;

/// <summary>
/// Directory search latency: need + 5 km around a postcode + open on a weekday at 11:00, from random postcodes of the
/// demo area, one search at a time (latency, not throughput): in process (the search service) or over HTTP (the page).
/// </summary>
public static class DirectorySearchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var http = args[0] == "directory-http";
        var requests = int.Parse(args.Length > (http ? 2 : 1) ? args[http ? 2 : 1] : "500", CultureInfo.InvariantCulture);
        // Searches before timing starts: enough for the JIT's second tier and the connection pool to settle.
        var warmUp = int.Parse(args.Length > (http ? 3 : 2) ? args[http ? 3 : 2] : "200", CultureInfo.InvariantCulture);
        var random = new Random(7);
        var postcodes = SyntheticPostcodes.All().Select(p => p.Postcode).ToArray();
        var needs = SyntheticDirectory.Needs.Select(n => n.Code).ToArray();
        var queries = Enumerable.Range(0, requests + warmUp).Select(_ => (Need: needs[random.Next(needs.Length)], Postcode: postcodes[random.Next(postcodes.Length)])).ToList();
        var timings = new List<double>();
        var found = 0L;
        if (http)
        {
            using var client = new HttpClient { BaseAddress = new Uri(args[1]) };
            for (var i = 0; i < queries.Count; i++)
            {
                var (need, postcode) = queries[i];
                var url = $"/directory?search=1&Need={need}&Postcode={Uri.EscapeDataString(postcode)}&Within=3.107&Day=Tuesday&Time=11:00";
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !body.Contains("id=\"results\"", StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"{url} gave {(int)response.StatusCode}");
                    return 1;
                }
                if (i >= warmUp)
                {
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }
        else
        {
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.AddUpcare();
            await using var app = builder.Build();
            for (var i = 0; i < queries.Count; i++)
            {
                var (need, postcode) = queries[i];
                using var scope = app.Services.CreateScope();
                var search = scope.ServiceProvider.GetRequiredService<DirectorySearch>();
                var started = Stopwatch.GetTimestamp();
                var page = await search.SearchAsync(new DirectoryQuery { Need = need, Postcode = postcode, WithinKm = 5, Day = DayOfWeek.Tuesday, Time = new TimeOnly(11, 0) });
                if (i >= warmUp)
                {
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    found += page.Total;
                }
            }
        }
        timings.Sort();
        double P(double q) => timings[Math.Min(timings.Count - 1, (int)(q * timings.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mode={args[0]} searches={timings.Count} median_ms={P(0.5):F2} p95_ms={P(0.95):F2} p99_ms={P(0.99):F2}{(http ? "" : $" mean_results={found / (double)timings.Count:F0}")}"));
        return 0;
    }
}
