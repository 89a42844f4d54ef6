using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.ServiceUse;
using Upcare.Shared.NhsUk;

namespace Upcare.Pages.Figures;

/// <summary>GP and hospital use before social prescribing and after discharge, for commissioners.</summary>
[Authorize(Policy = AccessPolicies.Figures)]
public class ServiceUseModel(ServiceUseFigures figures) : UpcarePageModel
{
    public IReadOnlyList<ServiceUseWindow> Windows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Windows = await figures.BeforeAndAfterAsync(ct);

    /// <summary>"down 25%", "up 10%", "no change"; nothing to compare with when there were none before.</summary>
    public static string Change(ServiceUseRow row, int suppressBelow) =>
        (row.Before is > 0 and var b && b < suppressBelow) || (row.After is > 0 and var a && a < suppressBelow) ? "not shown"
        : row.Before == 0 ? (row.After == 0 ? "no change" : "none before")
        : row.After == row.Before ? "no change"
        : $"{(row.After < row.Before ? "down" : "up")} {Math.Round(100.0 * Math.Abs(row.After - row.Before) / row.Before, MidpointRounding.AwayFromZero)}%";
}
