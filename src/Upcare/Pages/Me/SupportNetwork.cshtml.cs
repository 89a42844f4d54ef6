using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Pages.SupportNetworks;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.Me;

/// <summary>The person maps who and what supports them, on their own or with their link worker or coach.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class SupportNetworkModel(PersonService people, CurrentUser user, SupportNetworkService networks, SupportNetworkSharing sharing)
    : MapPageModel(people, user, networks, sharing)
{
    public override bool Own => true;
}
