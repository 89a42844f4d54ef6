using System.Net;
using System.Text.RegularExpressions;

namespace Upcare.Bench;

/// <summary>
/// HTTP as a browser behind a load balancer sends it: cookies kept by hand (the session cookie is Secure, and the app
/// is reached over plain HTTP with X-Forwarded-Proto: https), signing in through the sign-in page.
/// </summary>
public static partial class BenchHttp
{
    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Accept", "text/html");
        return await http.SendAsync(request);
    }

    /// <summary>POSTs JSON as the signed-in user.</summary>
    public static async Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, string cookies, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await http.SendAsync(request);
    }

    /// <summary>Signs in through the sign-in page and returns the cookies to send.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string email, string password)
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/sign-in");
        page.Headers.Add("X-Forwarded-Proto", "https");
        using var form = await http.SendAsync(page);
        var html = await form.Content.ReadAsStringAsync();
        var token = Token().Match(html).Groups[1].Value;
        var antiforgery = CookiesOf(form);
        var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery);
        post.Headers.Add("X-Forwarded-Proto", "https");
        using var signedIn = await http.SendAsync(post);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)signedIn.StatusCode}");
        }
        return antiforgery + "; " + CookiesOf(signedIn);
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
