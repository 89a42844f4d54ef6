using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Me;

/// <summary>The person rates and comments on services they used, and reads the replies.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class FeedbackModel(FeedbackService feedback, CurrentUser user) : UpcarePageModel
{
    public IReadOnlyList<UsedService> Used { get; private set; } = [];
    public IReadOnlyList<ServiceFeedback> Given { get; private set; } = [];

    [BindProperty] public Guid? ServiceId { get; set; }
    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public IReadOnlyList<SelectListItem> ServiceChoices => Used.Select(u => new SelectListItem(u.ServiceName, u.ServiceId.ToString())).ToList();
    public static readonly IReadOnlyList<SelectListItem> RatingChoices =
        [new("5 – very good", "5"), new("4 – good", "4"), new("3 – neither good nor poor", "3"), new("2 – poor", "2"), new("1 – very poor", "1")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Used = await feedback.UsedAsync(user.PersonId!.Value, ct);
        Given = await feedback.MineAsync(user.PersonId!.Value, ct);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        ChangeThenRedirectAsync(async () =>
        {
            await feedback.GiveAsync(user.PersonId!.Value, ServiceId, Rating, Comment, ct);
            return "Thank you. The organisation and the people who pay for the service will read it";
        }, "/me/feedback", () => OnGetAsync(ct));
}
