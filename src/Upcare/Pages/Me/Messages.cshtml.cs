using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Messaging;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The messages Upcare has queued for the person (reminders), as they will be sent.</summary>
[Authorize(Policy = AccessPolicies.OwnOrSharedRecord)]
public class MessagesModel(Outbox outbox, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Messages = await outbox.ForPersonAsync(user.PersonId!.Value, ct);
}
