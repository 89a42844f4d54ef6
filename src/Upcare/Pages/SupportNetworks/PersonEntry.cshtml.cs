using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Pages.SupportNetworks;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>A practitioner changes or removes one entry of a support network shared with them.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PersonEntryModel(PersonService people, CurrentUser user, SupportNetworkService networks) : EntryPageModel(people, user, networks)
{
    public override bool Own => false;
}
