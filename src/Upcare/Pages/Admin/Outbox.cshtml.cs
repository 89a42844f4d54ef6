using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Messaging;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Admin;

/// <summary>
/// The outbox: every message to people, where it is on its way (queued, sent, delivered, failed, held for another
/// format), with what failed and why; a failed message can be tried again, a held one recorded as sent another way.
/// </summary>
[Authorize(Policy = AccessPolicies.Administration)]
public class OutboxModel(Outbox outbox, OutboxAdministration administration, IOptions<NotifyOptions> notify) : UpcarePageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];
    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public bool Sending => notify.Value.Enabled;

    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostTryAgainAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(await administration.TryAgainAsync(id, ct), Url.Page("/Admin/Outbox", new { Status })!, () => LoadAsync(ct));

    public async Task<IActionResult> OnPostSentAnotherWayAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(await administration.MarkSentByStaffAsync(id, ct), Url.Page("/Admin/Outbox", new { Status })!, () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        Counts = await outbox.CountsAsync(ct);
        Messages = await outbox.LatestAsync(200, Status, ct);
    }

    public static string Label(OutboxStatus s) => s switch
    {
        OutboxStatus.Queued => "Queued",
        OutboxStatus.Sending => "Being sent",
        OutboxStatus.Sent => "Sent",
        OutboxStatus.Failed => "Failed",
        OutboxStatus.HeldForFormat => "Held for another format",
        OutboxStatus.SentByStaff => "Sent another way",
        _ => s.ToString(),
    };
}
