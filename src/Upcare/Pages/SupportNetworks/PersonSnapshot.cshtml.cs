using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Pages.SupportNetworks;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.SupportNetworks;

/// <summary>A practitioner looks at a snapshot of a support network shared with them.</summary>
[Authorize(Policy = AccessPolicies.ReadPersonRecord)]
public class PersonSnapshotModel(PersonService people, CurrentUser user, SupportNetworkHistory history) : SnapshotPageModel(people, user, history)
{
    public override bool Own => false;
}
