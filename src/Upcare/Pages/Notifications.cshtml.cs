using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Upcare.Access;
using Upcare.Messaging;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages;

/// <summary>The signed-in user's notifications: new referrals, answers, reminders and messages.</summary>
[Authorize(Policy = AccessPolicies.SignedIn)]
public class NotificationsModel(Notifications notifications) : UpcarePageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await notifications.MineAsync(ct);

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        await notifications.MarkAllReadAsync(ct);
        return Redirect("/notifications");
    }
}
