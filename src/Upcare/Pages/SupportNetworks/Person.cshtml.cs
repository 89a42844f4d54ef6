using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>A practitioner builds a person's support network with them, once the person has shared it.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PersonModel(PersonService people, CurrentUser user, SupportNetworkService networks, SupportNetworkSharing sharing)
    : MapPageModel(people, user, networks, sharing)
{
    public override bool Own => false;
}
