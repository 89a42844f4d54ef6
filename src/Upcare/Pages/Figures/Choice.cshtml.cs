using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Shared;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>For commissioners: the share of referrals with the right to choose where choice was offered and a choice recorded, by practice.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ChoiceModel(ChoiceService choice) : UpcarePageModel
{
    public IReadOnlyList<ChoiceFigures> Rows { get; private set; } = [];
    public int SuppressBelow => choice.SuppressBelow;

    public async Task OnGetAsync(CancellationToken ct) => Rows = await choice.FiguresAsync(ct);

    /// <summary>A count, or "fewer than N" so no one can be identified.</summary>
    public string Count(int n) => SmallNumbers.Show(n, SuppressBelow);

    /// <summary>A share, only when both counts are shown.</summary>
    public string Share(int part, int whole) => whole == 0 || whole < SuppressBelow || (part > 0 && part < SuppressBelow) ? "not shown" : $"{100.0 * part / whole:0.0}%";
}
