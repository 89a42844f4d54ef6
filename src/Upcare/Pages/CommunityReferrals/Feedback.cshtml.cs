using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Organisations;
using Upcare.Pages.Shared;

namespace Upcare.Pages.CommunityReferrals;

/// <summary>What people say about this organisation's services, and replying to them.</summary>
[Authorize(Policy = AccessPolicies.OwnServices)]
public class FeedbackModel(FeedbackService feedback, OrganisationService organisations, CurrentUser user) : FeedbackPageModel(feedback)
{
    protected override async Task<string> FromAsync(CancellationToken ct) =>
        user.OrganisationId is { } id && await organisations.FindAsync(id, ct) is { } organisation ? organisation.Name : "The service";
}
