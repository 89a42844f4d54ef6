using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Upcare.Bench;

/// <summary>
/// The FHIR API under load, as systems use it: a practice's system reads Patient/{id} and searches Patient?identifier=
/// with CONCURRENCY requests in flight for DURATION seconds each (after WARMUP seconds), going round the given people;
/// then a data platform runs a Bulk Data export of every type and the resources exported a second are reported.
/// Both sign in with SMART Backend Services (a JWT assertion signed with the key from <c>fhir-key</c>).
/// </summary>
public static class FhirBench
{
    /// <summary><c>fhir-key KEYFILE</c>: makes the benchmark clients' RSA key and prints its public JWK set.</summary>
    public static int MakeKey(string[] args)
    {
        using var rsa = RSA.Create(2048);
        File.WriteAllText(args[1], rsa.ExportRSAPrivateKeyPem());
        var p = rsa.ExportParameters(false);
        Console.WriteLine(JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "bench", use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } }));
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 4)
        {
            Console.Error.WriteLine("usage: Upcare.Bench fhir BASE_URL KEYFILE PEOPLE_FILE [DURATION=15] [CONCURRENCY=32] [WARMUP=10]");
            return 2;
        }
        var baseUrl = new Uri(args[1]);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(args[2]));
        var people = File.ReadAllLines(args[3]).Where(l => l.Contains(',')).Select(l => l.Split(',')).Select(p => (Id: p[0], Nhs: p[1])).ToArray();
        var duration = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 15);
        var concurrency = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 32;
        var warmup = TimeSpan.FromSeconds(args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 10);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };

        var practice = await TokenAsync(http, "bench-practice", rsa, "system/Patient.rs");
        string Read(int i) => $"/fhir/Patient/{people[i % people.Length].Id}";
        string Search(int i) => $"/fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{people[i % people.Length].Nhs}";
        foreach (var (name, path) in new (string, Func<int, string>)[] { ("read Patient/{id}", Read), ("search Patient?identifier=", Search) })
        {
            await LoadAsync(http, practice, path, warmup, concurrency);
            var (count, errors, latencies) = await LoadAsync(http, practice, path, duration, concurrency);
            latencies.Sort();
            double P(double q) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
            Console.WriteLine($"{name}: requests={count} errors={errors} seconds={duration.TotalSeconds:F0} concurrency={concurrency} rps={count / duration.TotalSeconds:F0} p50_ms={P(0.5):F2} p99_ms={P(0.99):F2}");
            if (errors > 0)
            {
                return 1;
            }
        }

        var platform = await TokenAsync(http, "bench-platform", rsa, "system/*.rs");
        var started = Stopwatch.GetTimestamp();
        using var kickOff = new HttpRequestMessage(HttpMethod.Get, "/fhir/$export");
        kickOff.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform);
        kickOff.Headers.Add("Prefer", "respond-async");
        using var accepted = await http.SendAsync(kickOff);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
        {
            Console.Error.WriteLine($"$export gave {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
            return 1;
        }
        var status = accepted.Content.Headers.ContentLocation!;
        while (true)
        {
            await Task.Delay(200);
            using var poll = new HttpRequestMessage(HttpMethod.Get, status);
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", platform);
            using var answer = await http.SendAsync(poll);
            if (answer.StatusCode == HttpStatusCode.Accepted)
            {
                continue;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var manifest = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"export status {(int)answer.StatusCode}: {manifest}");
                return 1;
            }
            var files = manifest.GetProperty("output").EnumerateArray().Select(o => (Type: o.GetProperty("type").GetString(), Count: o.GetProperty("count").GetInt64())).ToList();
            var total = files.Sum(f => f.Count);
            Console.WriteLine($"bulk export: resources={total} seconds={seconds:F2} resources_per_s={total / seconds:F0} ({string.Join(", ", files.Select(f => $"{f.Count} {f.Type}"))})");
            return 0;
        }
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, RSA key, string scope)
    {
        var endpoint = new Uri(http.BaseAddress!, "/fhir/auth/token").ToString();
        var assertion = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId, Audience = endpoint, Expires = DateTime.UtcNow.AddMinutes(4),
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = "bench" }, SecurityAlgorithms.RsaSha384),
        });
        using var response = await http.PostAsync("/fhir/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion, ["scope"] = scope,
        }));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()! : throw new InvalidOperationException($"token for {clientId}: {body}");
    }

    private static async Task<(int Count, int Errors, List<double> Latencies)> LoadAsync(HttpClient http, string token, Func<int, string> path, TimeSpan length, int concurrency)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var next = -1;
        var results = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            var errors = 0;
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path(Interlocked.Increment(ref next) & int.MaxValue));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                await response.Content.CopyToAsync(Stream.Null);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    errors++;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return (mine, errors);
        }));
        return (results.Sum(r => r.mine.Count), results.Sum(r => r.errors), results.SelectMany(r => r.mine).ToList());
    }
}
