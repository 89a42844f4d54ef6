using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.PeerSupport;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>
/// Peer support for the person: what they are willing to be matched on (nothing until they choose), groups for those,
/// others nearby who opted in for the same, the groups they are in, and leaving at any time.
/// </summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class PeerSupportModel(PeerSupportService peers, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<string> OptedIn { get; private set; } = [];
    public IReadOnlyList<GroupSuggestion> Groups { get; private set; } = [];
    public IReadOnlyList<PeerSuggestion> Peers { get; private set; } = [];
    public IReadOnlyList<(PeerGroup Group, string TopicLabel)> MyGroups { get; private set; } = [];
    public IReadOnlyList<PeerTopic> Topics => peers.Topics;

    [BindProperty] public List<string> Chosen { get; set; } = [];

    private Guid PersonId => user.PersonId!.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        OptedIn = await peers.OptedInAsync(PersonId, ct);
        Groups = await peers.SuggestedGroupsAsync(PersonId, ct);
        Peers = await peers.SuggestedPeersAsync(PersonId, ct);
        MyGroups = await peers.MyGroupsAsync(PersonId, ct);
    }

    private Task<IActionResult> DoAsync(Func<Task> change, string done, CancellationToken ct) =>
        ChangeThenRedirectAsync(async () => { await change(); return done; }, "/me/peer-support", () => OnGetAsync(ct));

    public Task<IActionResult> OnPostMatchAsync(CancellationToken ct) =>
        DoAsync(() => peers.SetOptInAsync(PersonId, Chosen, ct), Chosen.Count == 0 ? "You are not being matched with anyone" : "Saved. Here are groups and people who share this with you", ct);

    public Task<IActionResult> OnPostStopAsync(CancellationToken ct) =>
        DoAsync(() => peers.SetOptInAsync(PersonId, [], ct), "You are no longer matched with anyone. Nobody can see what you had chosen", ct);

    public Task<IActionResult> OnPostJoinAsync(Guid groupId, CancellationToken ct) => DoAsync(() => peers.JoinAsync(PersonId, groupId, ct), "You have joined the group", ct);

    public Task<IActionResult> OnPostLeaveAsync(Guid groupId, CancellationToken ct) => DoAsync(() => peers.LeaveAsync(PersonId, groupId, ct), "You have left the group", ct);
}
