using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Pages.SupportNetworks;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.Me;

/// <summary>The person changes or removes one entry of their support network.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class SupportNetworkEntryModel(PersonService people, CurrentUser user, SupportNetworkService networks) : EntryPageModel(people, user, networks)
{
    public override bool Own => true;
}
