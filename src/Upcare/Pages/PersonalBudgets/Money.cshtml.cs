using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Upcare.Access;
using Upcare.People;
using Upcare.PersonalBudgets;
using Upcare.Shared;

namespace Upcare.Pages.PersonalBudgets;

/// <summary>The budget officer's money page: pay now, schedule direct payments, record spending, take unused money back, correct an entry, stop payments.</summary>
[Authorize(Policy = AccessPolicies.ChangePersonRecord)]
public class MoneyModel(PersonService people, PersonalBudgetService budgets) : BudgetPageModel(people, budgets)
{
    [BindProperty] public Guid? PayStreamId { get; set; }
    [BindProperty] public HeldAs? PayTo { get; set; }
    [BindProperty] public string? PayAmount { get; set; }

    [BindProperty] public Guid? ScheduleStreamId { get; set; }
    [BindProperty] public string? ScheduleAmount { get; set; }
    [BindProperty] public int? EveryWeeks { get; set; } = 4;
    [BindProperty] public DateParts FirstOn { get; set; } = new();

    [BindProperty] public SpendForm Spend { get; set; } = new();
    [BindProperty] public IFormFile? Receipt { get; set; }

    [BindProperty] public Guid? ReclaimStreamId { get; set; }
    [BindProperty] public HeldAs? ReclaimFrom { get; set; }
    [BindProperty] public string? ReclaimAmount { get; set; }
    [BindProperty] public string? ReclaimReason { get; set; }

    [BindProperty] public Guid? CorrectEntryId { get; set; }
    [BindProperty] public string? CorrectReason { get; set; }

    [BindProperty] public string? StopReason { get; set; }

    public IReadOnlyList<PaymentSchedule> Schedules { get; private set; } = [];

    public static readonly IReadOnlyList<SelectListItem> PaidOutChoices =
        [new("The direct payment account", nameof(HeldAs.DirectPayment)), new("The third party", nameof(HeldAs.ThirdParty))];

    public static readonly IReadOnlyList<SelectListItem> HeldChoices =
        [new("Notional (held by the NHS)", nameof(HeldAs.Notional)), new("The third party", nameof(HeldAs.ThirdParty)), new("The direct payment account", nameof(HeldAs.DirectPayment))];

    public IReadOnlyList<SelectListItem> EntryChoices => View?.Entries.Where(e => e.Kind != EntryKind.Correction)
        .Select(e => new SelectListItem($"{UkTime.FormatDate(e.On)}: {BudgetLabels.Describe(e.Kind)} {Money.Format(e.AmountPence)}, {e.Description}", e.Id.ToString())).ToList() ?? [];

    private async Task<bool> LoadMoneyAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Budget is null)
        {
            return false;
        }
        Schedules = await Budgets.SchedulesAsync(Budget.Id, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadMoneyAsync(ct) ? Page() : NotFound();

    private async Task<IActionResult> RunAsync(Func<Task<string>> change, CancellationToken ct, Func<string, string> field)
    {
        if (!await LoadMoneyAsync(ct))
        {
            return NotFound();
        }
        var result = await ChangeAsync(change, $"/people/{Id}/budget/money", ct, field: field);
        Schedules = Budget is null ? [] : await Budgets.SchedulesAsync(Budget.Id, ct);
        return result;
    }

    public Task<IActionResult> OnPostPayAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var paid = await Budgets.PayAsync(Id, PayStreamId, PayTo, PayAmount, RequestKey, ct);
        return $"Paid {Money.Format(paid.AmountPence)}: {paid.Description}";
    }, ct, f => f switch { "Amount" or "" => "PayAmount", "To" => "PayTo", _ => f });

    public Task<IActionResult> OnPostScheduleAsync(CancellationToken ct) => RunAsync(async () =>
    {
        await Budgets.ScheduleAsync(Id, ScheduleStreamId, ScheduleAmount, EveryWeeks, FirstOn, ct);
        return "Regular direct payments set up";
    }, ct, f => f);

    public Task<IActionResult> OnPostSpendAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var spent = await Budgets.SpendAsync(Id, Spend, await ReceiptUploads.ReadAsync(Receipt, ct), RequestKey, ct);
        return $"Spending of {Money.Format(spent.AmountPence)} recorded";
    }, ct, SpendForm.PageField);

    public Task<IActionResult> OnPostReclaimAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var back = await Budgets.ReclaimAsync(Id, ReclaimStreamId, ReclaimFrom, ReclaimAmount, ReclaimReason, RequestKey, ct);
        return $"{Money.Format(back.AmountPence)} taken back";
    }, ct, f => f switch { "Amount" or "" => "ReclaimAmount", _ => $"Reclaim{f}" });

    public Task<IActionResult> OnPostCorrectAsync(CancellationToken ct) => RunAsync(async () =>
    {
        await Budgets.CorrectAsync(Id, CorrectEntryId, CorrectReason, RequestKey, ct);
        return "Correction recorded as a new entry";
    }, ct, f => f switch { "Reason" => "CorrectReason", _ => "CorrectEntryId" });

    public Task<IActionResult> OnPostStopAsync(CancellationToken ct) => RunAsync(async () =>
    {
        await Budgets.StopAsync(Id, StopReason, ct);
        return "Payments stopped";
    }, ct, f => "StopReason");
}
