using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Upcare.Tests.Infrastructure;

/// <summary>A parsed page as a browser would see it, with helpers for the NHS.UK error pattern.</summary>
public sealed record PageResult(HttpStatusCode Status, IHtmlDocument Document, Uri? Location)
{
    public string Title => Document.Title ?? "";
    public string H1 => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// <summary>The messages in the error summary, in order.</summary>
    public IReadOnlyList<string> ErrorSummary =>
        Document.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();

    /// <summary>The error summary's links, as "#field-id".</summary>
    public IReadOnlyList<string> ErrorLinks =>
        Document.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.GetAttribute("href") ?? "").ToList();

    /// <summary>The error message beside the field with this id (without the hidden "Error:" prefix).</summary>
    public string? FieldError(string id) =>
        Document.GetElementById($"{id}-error")?.TextContent.Replace("Error:", "").Trim();

    public string Text => Document.Body?.TextContent ?? "";
}

/// <summary>Drives pages over HTTP with cookies and antiforgery tokens, and parses their HTML.</summary>
public sealed class PageClient
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public PageClient(WebApplicationFactory<Program> app) =>
        // https, because session and antiforgery cookies are Secure and a browser would not send them over http.
        _http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

    /// <summary>A client whose cookies are in <paramref name="cookies"/>, so a test can copy them as a thief would.</summary>
    public PageClient(WebApplicationFactory<Program> app, System.Net.CookieContainer cookies) =>
        _http = app.CreateDefaultClient(new Uri("https://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));

    public HttpClient Http => _http;

    /// <summary>Signs in through the sign-in page, as a user would; fails the test if that does not work.</summary>
    public async Task<PageClient> SignInAsync(string email, string password = UpcareApp.Password)
    {
        var result = await SubmitAsync("/sign-in", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        Assert.True(result.Status == HttpStatusCode.Redirect, $"Sign-in as {email} failed: {string.Join("; ", result.ErrorSummary)}");
        return this;
    }

    /// <summary>A new client signed in as <paramref name="email"/>.</summary>
    public static Task<PageClient> SignedInAsync(WebApplicationFactory<Program> app, string email) => new PageClient(app).SignInAsync(email);

    public async Task<PageResult> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        return await ParseAsync(response);
    }

    /// <summary>Loads <paramref name="url"/>, fills the first POST form on it with <paramref name="fields"/> and submits it.</summary>
    public async Task<PageResult> SubmitAsync(string url, IDictionary<string, string> fields)
    {
        var page = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await SubmitFormAsync(page, url, fields);
    }

    /// <summary>Submits the POST form of an already-loaded page, keeping its own values where <paramref name="fields"/> says nothing.</summary>
    /// <remarks>
    /// With <paramref name="handler"/>, the form that posts to that page handler (e.g. "Withdraw") instead of the first;
    /// "TakeOn&amp;referralId=…" also needs that route value in the form's address, in any order.
    /// </remarks>
    public async Task<PageResult> SubmitFormAsync(PageResult page, string url, IDictionary<string, string> fields, string? handler = null)
    {
        var form = page.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase)
                && (handler is null || HandlerMatches(f.GetAttribute("action"), handler)));
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } box when box.IsChecked && !fields.ContainsKey(box.Name!):
                    values.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: "radio" or "checkbox" }:
                    break;
                case IHtmlInputElement input when input.Name is { } name && !fields.ContainsKey(name):
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area when area.Name is { } name && !fields.ContainsKey(name):
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { } name && !fields.ContainsKey(name):
                    values.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        values.AddRange(fields.Where(f => f.Value is not null));
        // As a browser does: the form's action is resolved against the page it is on ("?handler=Stop" stays on that page).
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : new Uri(new Uri(_http.BaseAddress!, url), form.GetAttribute("action")!).PathAndQuery;
        using var response = await _http.PostAsync(action, new FormUrlEncodedContent(values));
        return await ParseAsync(response);
    }

    private static async Task<PageResult> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new PageResult(response.StatusCode, Parser.ParseDocument(html), response.Headers.Location);
    }

    private static bool HandlerMatches(string? action, string handler)
    {
        var parts = handler.Split('&');
        return action is not null && action.Contains($"handler={parts[0]}", StringComparison.Ordinal)
            && parts.Skip(1).All(p => action.Contains(p, StringComparison.OrdinalIgnoreCase));
    }
}
