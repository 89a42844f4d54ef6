using Microsoft.Extensions.Options;
using Upcare.Hosting;

namespace Upcare.PersonalBudgets;

/// <summary>Makes scheduled direct payments as they fall due, on whichever instance holds the job's lease.</summary>
public sealed class BudgetPayments(IServiceScopeFactory scopes, IOptions<PersonalBudgetOptions> options, ILogger<BudgetPayments> logger)
    : LeasedJob(scopes, logger)
{
    protected override string Name => "budget-payments";
    protected override TimeSpan Every => options.Value.PaymentsCheckEvery;

    protected override async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var made = await services.GetRequiredService<PersonalBudgetService>().RunDuePaymentsAsync(ct);
        return made > 0 ? $"{made} scheduled direct payments made" : null;
    }
}
