using Microsoft.AspNetCore.Mvc;
using Upcare.Commissioning;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Shared;

/// <summary>Feedback on services for those who read and reply to it: the organisation that runs them, or commissioners.</summary>
public abstract class FeedbackPageModel(FeedbackService feedback) : UpcarePageModel
{
    public IReadOnlyList<ServiceFeedback> Items { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public Pagination Pages { get; private set; } = new(1, 1, _ => "");

    [BindProperty] public string? Reply { get; set; }

    /// <summary>Who replies are from, as the person sees it.</summary>
    protected abstract Task<string> FromAsync(CancellationToken ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        (var items, var total) = await feedback.ForReadersAsync(PageNumber, ct);
        Items = items;
        Pages = Pagination.Of(Pagination.Clamp(PageNumber, total, FeedbackService.PageSize), total, FeedbackService.PageSize, p => $"?p={p}");
    }

    public Task<IActionResult> OnPostReplyAsync(Guid feedbackId, CancellationToken ct) =>
        ChangeThenRedirectAsync(async () =>
        {
            await feedback.RespondAsync(feedbackId, Reply, await FromAsync(ct), ct);
            return "Reply sent. The person can read it on their own pages";
        }, Request.Path, () => OnGetAsync(ct));
}
