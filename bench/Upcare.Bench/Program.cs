using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

// A closed-loop load generator for one page of a running Upcare: signs in through the sign-in page, then keeps
// CONCURRENCY requests in flight for DURATION seconds, going round the given person ids, and reports requests a second
// and latency percentiles. The app sits behind what a load balancer would send: plain HTTP with X-Forwarded-Proto: https
// (run the app with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true).
//
// usage: Upcare.Bench BASE_URL EMAIL PASSWORD IDS_FILE [DURATION=15] [CONCURRENCY=32] [WARMUP=5]
//        Upcare.Bench directory-http BASE_URL [REQUESTS=500]
//        Upcare.Bench directory-inprocess [REQUESTS=500]   (database from the usual Database__Provider / ConnectionStrings__Upcare)
//        Upcare.Bench referral-loop BASE_URL [REFERRALS=10000] [CONCURRENCY=32]   (accounts made through the same database settings)
//        Upcare.Bench commissioning BASE_URL EMAIL PASSWORD [REQUESTS=7] [WARMUP=2]
//        Upcare.Bench fhir-key KEYFILE        (prints the public JWK set to register the benchmark's FHIR clients with)
//        Upcare.Bench fhir BASE_URL KEYFILE PEOPLE_FILE [DURATION=15] [CONCURRENCY=32] [WARMUP=10]
//        Upcare.Bench outbox [MESSAGES=5000]   (database settings as for directory-inprocess; Notify is a local stand-in)
if (args.Length > 0 && args[0].StartsWith("directory-", StringComparison.Ordinal))
{
    return await Upcare.Bench.DirectorySearchBench.RunAsync(args);
}
if (args.Length > 1 && args[0] == "fhir-key")
{
    return Upcare.Bench.FhirBench.MakeKey(args);
}
if (args.Length > 0 && args[0] == "fhir")
{
    return await Upcare.Bench.FhirBench.RunAsync(args);
}
if (args.Length > 0 && args[0] == "commissioning")
{
    return await Upcare.Bench.CommissioningBench.RunAsync(args);
}
if (args.Length > 0 && args[0] == "outbox")
{
    return await Upcare.Bench.OutboxBench.RunAsync(args);
}
if (args.Length > 0 && args[0] == "referral-loop")
{
    return await Upcare.Bench.ReferralLoopBench.RunAsync(args);
}
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Upcare.Bench BASE_URL EMAIL PASSWORD IDS_FILE [DURATION=15] [CONCURRENCY=32] [WARMUP=5]");
    return 2;
}
var baseUrl = new Uri(args[0]);
var ids = File.ReadAllLines(args[3]).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
var duration = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4]) : 15);
var concurrency = args.Length > 5 ? int.Parse(args[5]) : 32;
var warmup = TimeSpan.FromSeconds(args.Length > 6 ? int.Parse(args[6]) : 5);
// Another page can be measured the same way, e.g. UPCARE_BENCH_PATH=/about to see the cost of the page frame alone.
var pathTemplate = Environment.GetEnvironmentVariable("UPCARE_BENCH_PATH") ?? "/people/{id}";

using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency })
{
    BaseAddress = baseUrl,
};
// Like a browser, keep the session cookie the app renews (sliding expiry); replaying a stale one would make the app
// re-check the account on every request, which no real user causes.
var cookies = await SignInAsync(http, args[1], args[2]);

// Check one page before measuring, so a broken setup is not reported as a fast one.
using (var check = await GetAsync(http, $"/people/{ids[0]}", cookies))
{
    if (check.StatusCode != HttpStatusCode.OK)
    {
        Console.Error.WriteLine($"GET /people/{ids[0]} gave {(int)check.StatusCode}: the benchmark user cannot see this person");
        return 1;
    }
}

await RunAsync(warmup);
var (count, errors, latencies) = await RunAsync(duration);
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
Console.WriteLine($"requests={count} errors={errors} seconds={duration.TotalSeconds:F0} concurrency={concurrency} rps={count / duration.TotalSeconds:F0} p50_ms={Percentile(0.50):F2} p99_ms={Percentile(0.99):F2}");
return errors > 0 ? 1 : 0;

async Task<(int Count, int Errors, List<double> Latencies)> RunAsync(TimeSpan length)
{
    var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
    var next = -1;
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        var mine = new List<double>();
        var errors = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            var id = ids[(Interlocked.Increment(ref next) & int.MaxValue) % ids.Length];
            var started = Stopwatch.GetTimestamp();
            using var response = await GetAsync(http, pathTemplate.Replace("{id}", id), Volatile.Read(ref cookies));
            await response.Content.CopyToAsync(Stream.Null);
            if (response.Headers.TryGetValues("Set-Cookie", out var renewed) && renewed.FirstOrDefault(c => c.StartsWith("upcare-session=")) is { } session)
            {
                var keep = Volatile.Read(ref cookies).Split("; ").Where(c => !c.StartsWith("upcare-session="));
                Volatile.Write(ref cookies, string.Join("; ", keep.Append(session.Split(';')[0])));
            }
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors++;
            }
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (mine, errors);
    }).ToArray();
    var results = await Task.WhenAll(workers);
    var all = results.SelectMany(r => r.mine).ToList();
    return (all.Count, results.Sum(r => r.errors), all);
}

static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string cookies) => Upcare.Bench.BenchHttp.GetAsync(http, path, cookies);

static Task<string> SignInAsync(HttpClient http, string email, string password) => Upcare.Bench.BenchHttp.SignInAsync(http, email, password);
