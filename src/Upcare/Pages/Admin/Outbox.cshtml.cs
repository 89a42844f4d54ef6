using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Messaging;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>The outbox: messages queued for people, shown so a developer or administrator can see what would be sent.</summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class OutboxModel(Outbox outbox) : UpcarePageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Messages = await outbox.LatestAsync(200, ct);
}
