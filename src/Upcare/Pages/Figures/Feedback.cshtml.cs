using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Pages.Shared;

namespace Upcare.Pages.Figures;

/// <summary>Commissioners read what people say about the services they pay for, and reply.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class FeedbackModel(FeedbackService feedback) : FeedbackPageModel(feedback)
{
    protected override Task<string> FromAsync(CancellationToken ct) => Task.FromResult("The commissioners");
}
