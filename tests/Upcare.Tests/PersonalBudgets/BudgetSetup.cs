using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.PersonalBudgets;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.PersonalBudgets;

/// <summary>Sets up a personal budget through the pages, as a budget officer would.</summary>
public static class BudgetSetup
{
    private static readonly int Year = DateTime.UtcNow.Year;

    public static Dictionary<string, string> MixedBudget(string notional = "1000", string direct = "5000") => new()
    {
        ["Input.Right"] = "ContinuingHealthcare",
        ["Input.StartsOn.Day"] = "1", ["Input.StartsOn.Month"] = "1", ["Input.StartsOn.Year"] = Year.ToString(),
        ["Input.EndsOn.Day"] = "31", ["Input.EndsOn.Month"] = "12", ["Input.EndsOn.Year"] = Year.ToString(),
        ["Input.Streams[0].Funder"] = "Nhs", ["Input.Streams[0].FunderName"] = "Test ICB", ["Input.Streams[0].Amount"] = "4000",
        ["Input.Streams[1].Funder"] = "SocialCare", ["Input.Streams[1].FunderName"] = "Test Council", ["Input.Streams[1].Amount"] = "2,000.00",
        ["Input.Notional"] = notional, ["Input.DirectPayment"] = direct,
        ["Input.AccountName"] = "J Smith PHB account", ["Input.SortCode"] = "30-94-57", ["Input.AccountNumber"] = "12345678",
    };

    public static Dictionary<string, string> Item(int i, string what, string cost, string quantity, Guid streamId, string category = "Personal care and support") => new()
    {
        [$"Items[{i}].Outcome"] = "Get out to the shops on my own", [$"Items[{i}].What"] = what, [$"Items[{i}].Category"] = category,
        [$"Items[{i}].FromWhom"] = "Helping Hands", [$"Items[{i}].HowOften"] = "every week", [$"Items[{i}].UnitCost"] = cost,
        [$"Items[{i}].Quantity"] = quantity, [$"Items[{i}].StreamId"] = streamId.ToString(),
    };

    /// <summary>Puts <paramref name="personId"/> on the budget officer's caseload, so the officer may hold their budget.</summary>
    public static async Task AssignAsync(UpcareApp app, string officer, Guid personId)
    {
        var officerId = await app.UserIdAsync(officer);
        await app.WithDbAsync(db =>
        {
            db.CaseloadAssignments.Add(new Upcare.Access.CaseloadAssignment { Id = Guid.NewGuid(), UserId = officerId, PersonId = personId, StartedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
    }

    /// <summary>A mixed NHS and social care budget with an approved plan of two items, set up by <paramref name="officer"/>.</summary>
    public static async Task<PersonalBudget> ApprovedAsync(UpcareApp app, PageClient officer, Guid personId)
    {
        var set = await officer.SubmitAsync($"/people/{personId}/budget/setup", MixedBudget());
        Assert.True(set.Status == HttpStatusCode.Redirect, string.Join("; ", set.ErrorSummary));
        var budget = await BudgetAsync(app, personId);
        var nhs = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id;
        var council = budget.Streams.Single(s => s.Funder == Funder.SocialCare).Id;
        var saved = await officer.SubmitAsync($"/people/{personId}/budget/plan",
            Item(0, "Personal assistant", "60", "50", nhs).Concat(Item(1, "Gym membership", "25.50", "12", council, "Activity and leisure")).ToDictionary());
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var plan = await officer.GetAsync($"/people/{personId}/budget/plan");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitFormAsync(plan, $"/people/{personId}/budget/plan", new Dictionary<string, string>(), handler: "Approve")).Status);
        return await BudgetAsync(app, personId);
    }

    public static async Task<PersonalBudget> BudgetAsync(UpcareApp app, Guid personId) =>
        await app.WithDbAsync(db => db.PersonalBudgets.AsNoTracking().Include(b => b.Streams).Include(b => b.Items).SingleAsync(b => b.PersonId == personId));
}
