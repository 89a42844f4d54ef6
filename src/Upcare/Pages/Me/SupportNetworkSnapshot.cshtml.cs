using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Pages.SupportNetworks;
using Upcare.People;
using Upcare.SupportNetworks;

namespace Upcare.Pages.Me;

/// <summary>The person looks at a snapshot of their support network.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class SupportNetworkSnapshotModel(PersonService people, CurrentUser user, SupportNetworkHistory history) : SnapshotPageModel(people, user, history)
{
    public override bool Own => true;
}
