using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages;

/// <summary>The page shown for a missing page or an unexpected failure.</summary>
[IgnoreAntiforgeryToken]
[AllowAnonymous]
public class ErrorModel : UpcarePageModel
{
    public string Heading { get; private set; } = "Sorry, there is a problem with the service";
    public string Advice { get; private set; } = "Try again later. Nothing you entered has been lost if you saw a confirmation.";

    /// <summary>For a failure: the request's correlation id, which finds its logs and trace.</summary>
    public string? Reference { get; private set; }

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Reference = code is null or >= 500 ? Hosting.Telemetry.CorrelationId(HttpContext) : null;
        if (code is null && HttpContext.Items[Hosting.UnexpectedErrors.DatabaseUnavailable] is true)
        {
            Heading = "Sorry, the service is unavailable";
            Advice = "Upcare cannot reach its records just now. Nothing was saved from your last action. Try again in a few seconds.";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        if (code == 404)
        {
            Heading = "Page not found";
            Advice = "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.";
        }
        else if (code is 403)
        {
            Heading = "You do not have permission to see this page";
            Advice = "You can see only the records of people you have a care relationship with, or your own. Ask your administrator if you think you should have access.";
        }
        else if (code is 400)
        {
            Heading = "Sorry, we could not accept what was sent";
            Advice = HttpContext.Items[Hosting.TextGuard.RefusedText] is string why
                ? $"{why}. It may be a hidden character copied from another program: go back, retype the text, and try again. Nothing was saved."
                : "Go back to the page, reload it, and try again. Nothing was saved.";
        }
        else if (code is 429)
        {
            Heading = "Too many attempts";
            Advice = "There have been too many sign-in attempts from your connection. Wait a minute, then try again.";
        }
        Response.StatusCode = code ?? 500;
    }
}
