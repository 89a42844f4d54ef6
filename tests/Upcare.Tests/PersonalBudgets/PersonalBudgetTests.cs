using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.PersonalBudgets;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.PersonalBudgets;

/// <summary>Personal budgets through the pages and the API, on each provider: money is never lost, refused movements change nothing.</summary>
public abstract class PersonalBudgetTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;
    private static readonly int Year = DateTime.UtcNow.Year;

    /// <summary>As the API reads and writes JSON: enums by name.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>A person with their own sign-in, and a budget officer with them on their caseload.</summary>
    private async Task<(Guid PersonId, PageClient Person, PageClient Officer, string OfficerEmail)> CastAsync()
    {
        var personId = await App.WithDbAsync(db => db.People
            .Where(p => !db.PersonalBudgets.Any(b => b.PersonId == p.Id) && !db.Users.Any(u => u.PersonId == p.Id) && p.Id != fixture.Person && p.Id != fixture.PersonElsewhere)
            .OrderBy(p => p.GivenName).Select(p => p.Id).FirstAsync());
        var person = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        var officerEmail = await App.CreateUserAsync(UserRole.BudgetOfficer, name: "Bea Budget");
        var officerId = await App.UserIdAsync(officerEmail);
        await App.WithDbAsync(db =>
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = officerId, PersonId = personId, StartedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        return (personId, person, await PageClient.SignedInAsync(App, officerEmail), officerEmail);
    }

    private async Task<PersonalBudget> BudgetAsync(Guid personId) =>
        await App.WithDbAsync(db => db.PersonalBudgets.AsNoTracking().Include(b => b.Streams).Include(b => b.Items).SingleAsync(b => b.PersonId == personId));

    private Task<int> EntriesAsync(Guid budgetId) => App.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.BudgetId == budgetId));

    /// <summary>A mixed NHS and social care budget with an approved plan of two items.</summary>
    private async Task<(Guid PersonId, PageClient Person, PageClient Officer, PersonalBudget Budget)> ApprovedAsync()
    {
        var (personId, person, officer, _) = await CastAsync();
        return (personId, person, officer, await BudgetSetup.ApprovedAsync(App, officer, personId));
    }

    [Fact]
    public async Task Setting_up_a_mixed_budget_allocates_each_funders_share_and_bad_set_ups_store_nothing()
    {
        var (personId, _, officer, _) = await CastAsync();
        var url = $"/people/{personId}/budget/setup";
        var wrongTotal = await officer.SubmitAsync(url, BudgetSetup.MixedBudget(notional: "999.99"));
        Assert.Equal(["The ways the budget is held add up to £5,999.99, but the budget is £6,000.00. They must be the same"], wrongTotal.ErrorSummary);
        var bad = BudgetSetup.MixedBudget();
        (bad["Input.Streams[0].Amount"], bad["Input.SortCode"], bad["Input.AccountNumber"]) = ("12.345", "3094", "123");
        var refused = await officer.SubmitAsync(url, bad);
        Assert.Equal(["The amount cannot include a fraction of a penny", "Enter a sort code like 30-94-57", "Enter an account number of 8 digits"], refused.ErrorSummary);
        Assert.False(await App.WithDbAsync(db => db.PersonalBudgets.AnyAsync(b => b.PersonId == personId)));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.SubmitAsync(url, BudgetSetup.MixedBudget())).Status);
        var budget = await BudgetAsync(personId);
        Assert.True(budget.IsIntegrated);
        var entries = await App.WithDbAsync(db => db.LedgerEntries.Where(e => e.BudgetId == budget.Id).ToListAsync());
        Assert.Equal([200000L, 400000L], entries.Where(e => e.Kind == EntryKind.Allocation).Select(e => e.AmountPence).Order());
        var page = await officer.GetAsync($"/people/{personId}/budget");
        Assert.Contains("Integrated personal budget", page.Text);
        Assert.Contains("£6,000.00", page.Text);
    }

    [Fact]
    public async Task The_costed_plan_must_fit_the_budget_and_excluded_items_are_refused_with_the_reason()
    {
        var (personId, _, officer, _) = await CastAsync();
        await officer.SubmitAsync($"/people/{personId}/budget/setup", BudgetSetup.MixedBudget());
        var budget = await BudgetAsync(personId);
        var nhs = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id;
        var url = $"/people/{personId}/budget/plan";

        var over = await officer.SubmitAsync(url, BudgetSetup.Item(0, "Personal assistant", "60", "101", nhs).ToDictionary());
        Assert.Equal(["The plan costs £6,060.00, more than the budget of £6,000.00. Take something out or lower a cost"], over.ErrorSummary);
        var overStream = await officer.SubmitAsync(url, BudgetSetup.Item(0, "Personal assistant", "60", "70", nhs).ToDictionary());
        Assert.Equal(["Test ICB's items cost £4,200.00, more than its £4,000.00"], overStream.ErrorSummary);
        var excluded = await officer.SubmitAsync(url, BudgetSetup.Item(0, "Bottle of wine", "10", "1", nhs, "Activity and leisure").Concat(BudgetSetup.Item(1, "Betting shop", "5", "1", nhs, "Gambling")).ToDictionary());
        Assert.Equal(["A personal health budget cannot be spent on alcohol: \"Bottle of wine\" cannot be in the plan",
            "A personal health budget cannot be spent on gambling: \"Betting shop\" cannot be in the plan"], excluded.ErrorSummary);
        Assert.Empty((await BudgetAsync(personId)).Items);
    }

    [Fact]
    public async Task A_payment_needs_an_approved_plan_then_pays_once_and_the_person_records_a_spend_with_a_receipt()
    {
        var (personId, person, officer, _) = await CastAsync();
        await officer.SubmitAsync($"/people/{personId}/budget/setup", BudgetSetup.MixedBudget());
        var budget = await BudgetAsync(personId);
        var money = $"/people/{personId}/budget/money";
        var page = await officer.GetAsync(money);
        var pay = new Dictionary<string, string> { ["PayStreamId"] = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id.ToString(), ["PayTo"] = "DirectPayment", ["PayAmount"] = "500" };
        var early = await officer.SubmitFormAsync(page, money, pay, handler: "Pay");
        Assert.Equal(["No payment can be made until the costed plan is approved"], early.ErrorSummary);
        Assert.Equal(2, await EntriesAsync(budget.Id));

        (personId, person, officer, budget) = await ApprovedAsync();
        money = $"/people/{personId}/budget/money";
        page = await officer.GetAsync(money);
        pay["PayStreamId"] = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id.ToString();
        foreach (var (amount, error) in new[] { ("-5", "The amount cannot be negative"), ("0.001", "The amount cannot include a fraction of a penny"),
            ("12,34", "Enter the amount with commas only between thousands, like 1,250.50, or with no commas"), ("1,2,3", "Enter the amount with commas only between thousands, like 1,250.50, or with no commas"), ("5001", "This would pay £5,001.00 as direct payments, more than the £5,000.00 agreed to be held that way") })
        {
            var refused = await officer.SubmitFormAsync(page, money, new Dictionary<string, string>(pay) { ["PayAmount"] = amount }, handler: "Pay");
            Assert.Equal([error], refused.ErrorSummary);
        }
        Assert.Equal(2, await EntriesAsync(budget.Id));

        // The same form sent twice pays once.
        var first = await officer.SubmitFormAsync(page, money, pay, handler: "Pay");
        var again = await officer.SubmitFormAsync(page, money, pay, handler: "Pay");
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.Status, again.Status));
        Assert.Equal(1, await App.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.BudgetId == budget.Id && e.Kind == EntryKind.Payment)));

        // The person agrees the plan, records a spend with a receipt from their own pages and sees their balance.
        var mine = await person.GetAsync("/me/budget");
        await person.SubmitFormAsync(mine, "/me/budget", new Dictionary<string, string>(), handler: "Agree");
        Assert.NotNull((await BudgetAsync(personId)).PlanAgreedByPersonAt);
        mine = await person.GetAsync("/me/budget");
        var item = budget.Items.Single(i => i.What == "Personal assistant");
        var tooMuch = await SpendAsync(person, mine, item.Id, "500.01", null);
        Assert.Equal(["There is not enough money for this: £500.00 is left in the direct payment account"], tooMuch.ErrorSummary);
        // A file that only says it is a PNG (a script renamed) is refused by its first bytes, and nothing is spent.
        var disguised = await SpendAsync(person, mine, item.Id, "120.00", ("receipt.png", "image/png", "<script>alert(1)</script>"u8.ToArray()));
        Assert.Equal(["The receipt must be a PDF, JPG or PNG"], disguised.ErrorSummary);
        Assert.Equal(0, await App.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.BudgetId == budget.Id && e.Kind == EntryKind.Spend)));
        var spent = await SpendAsync(person, mine, item.Id, "120.00", ("receipt.png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.True(spent.Status == HttpStatusCode.Redirect, string.Join("; ", spent.ErrorSummary));
        mine = await person.GetAsync("/me/budget");
        Assert.Contains("£5,880.00 left", mine.Text);
        var receiptLink = mine.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Single(h => h.StartsWith("/me/budget/receipts/"));
        var receipt = await person.Http.GetAsync(receiptLink);
        Assert.Equal("image/png", receipt.Content.Headers.ContentType!.MediaType);
        Assert.Equal(8, (await receipt.Content.ReadAsByteArrayAsync()).Length);
        // Downloaded, never shown in the page's origin, and typed by its bytes: a stored file whose claimed type and
        // content are a script's (as an older upload could be) is served as bytes to save.
        Assert.Equal(("attachment", "receipt.png"), (receipt.Content.Headers.ContentDisposition!.DispositionType, receipt.Content.Headers.ContentDisposition.FileName));
        Assert.Equal("nosniff", receipt.Headers.GetValues("X-Content-Type-Options").Single());
        await App.WithDbAsync(db => db.BudgetReceipts.Where(r => r.BudgetId == budget.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ContentType, "text/html").SetProperty(r => r.Content, "<script>alert(1)</script>"u8.ToArray())));
        var tampered = await person.Http.GetAsync(receiptLink);
        Assert.Equal("application/octet-stream", tampered.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", tampered.Content.Headers.ContentDisposition!.DispositionType);

        // Someone else's budget item cannot be spent against.
        var (_, _, _, other) = await ApprovedAsync();
        var foreign = await SpendAsync(person, mine, other.Items[0].Id, "1.00", null);
        Assert.Equal(["That item is not in this budget's plan"], foreign.ErrorSummary);

        var ledger = await App.WithDbAsync(db => db.LedgerEntries.Where(e => e.BudgetId == budget.Id).ToListAsync());
        Assert.Equal(0, new LedgerBook(ledger).Balances.Values.Sum());
        Assert.Equal([EntryKind.Allocation, EntryKind.Allocation, EntryKind.Payment, EntryKind.Spend], ledger.OrderBy(e => e.At).ThenBy(e => e.Kind).Select(e => e.Kind));
    }

    private static async Task<PageResult> SpendAsync(PageClient person, PageResult page, Guid itemId, string amount, (string Name, string Type, byte[] Bytes)? receipt)
    {
        var form = page.Document.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => (f.GetAttribute("action") ?? "").Contains("handler=Spend"));
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(i => i.Type == "hidden"))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }
        content.Add(new StringContent(itemId.ToString()), "Spend.ItemId");
        content.Add(new StringContent(amount), "Spend.Amount");
        if (receipt is { } r)
        {
            var file = new ByteArrayContent(r.Bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(r.Type);
            content.Add(file, "Receipt", r.Name);
        }
        using var response = await person.Http.PostAsync(form.GetAttribute("action"), content);
        var html = await response.Content.ReadAsStringAsync();
        return new PageResult(response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html), response.Headers.Location);
    }

    [Fact]
    public async Task The_same_payment_request_fired_50_times_at_once_pays_exactly_once()
    {
        var (personId, _, officer, budget) = await ApprovedAsync();
        var key = Guid.NewGuid().ToString();
        var body = new PaymentRequest(budget.Streams.Single(s => s.Funder == Funder.Nhs).Id, HeldAs.DirectPayment, "250.00");
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{personId}/budget/payments") { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await officer.Http.SendAsync(request);
            return (response.StatusCode, Made: response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PaymentMade>(Json) : null, Text: await response.Content.ReadAsStringAsync());
        }));
        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{r.StatusCode}: {r.Text}"));
        Assert.Single(responses.Select(r => r.Made!.EntryId).Distinct());
        var payments = await App.WithDbAsync(db => db.LedgerEntries.Where(e => e.BudgetId == budget.Id && e.Kind == EntryKind.Payment).ToListAsync());
        Assert.Equal(25000, Assert.Single(payments).AmountPence);

        using var noKey = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{personId}/budget/payments") { Content = JsonContent.Create(body, options: Json) };
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.Http.SendAsync(noKey)).StatusCode);
        var figures = await officer.Http.GetFromJsonAsync<BudgetFigures>($"/api/people/{personId}/budget", Json);
        Assert.Equal((600000L, 25000L), (figures!.AllocatedPence, figures.InDirectPaymentAccountPence));
    }

    [Fact]
    public async Task A_refused_payment_is_audited_as_refused_with_its_reason_and_moves_nothing()
    {
        var (personId, _, officer, budget) = await ApprovedAsync();
        var stream = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id;
        async Task<HttpStatusCode> PayAsync(PageClient who, string amount)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{personId}/budget/payments")
            {
                Content = JsonContent.Create(new PaymentRequest(stream, HeldAs.DirectPayment, amount), options: Json),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await who.Http.SendAsync(request);
            return response.StatusCode;
        }
        var entries = await EntriesAsync(budget.Id);

        // More than is agreed to be held as direct payments: refused by the ledger's rule.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await PayAsync(officer, "5001"));
        var refused = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.PersonId == personId && a.Action == "budget-payment-refused").ToListAsync());
        Assert.Equal(AuditOutcome.Refused, Assert.Single(refused).Outcome);
        Assert.Equal("This would pay £5,001.00 as direct payments, more than the £5,000.00 agreed to be held that way", refused[0].Detail);

        // Staff who may change the record but are not the budget officer: the API refuses, and the trail says refused.
        var linkWorkerEmail = await App.CreateUserAsync(UserRole.LinkWorker);
        var linkWorkerId = await App.UserIdAsync(linkWorkerEmail);
        await App.WithDbAsync(db =>
        {
            db.CaseloadAssignments.Add(new CaseloadAssignment { Id = Guid.NewGuid(), UserId = linkWorkerId, PersonId = personId, StartedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, await PayAsync(await PageClient.SignedInAsync(App, linkWorkerEmail), "10"));
        var byLinkWorker = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.UserId == linkWorkerId && a.Route == "POST /api/people/{id:guid}/budget/payments")
            .Select(a => new { a.Outcome, a.Detail, a.PersonId }).ToListAsync());
        Assert.Contains(new { Outcome = AuditOutcome.Refused, Detail = (string?)"Only the person's budget officer can do this", PersonId = (Guid?)personId }, byLinkWorker);
        Assert.Equal(entries, await EntriesAsync(budget.Id));
    }

    [Fact]
    public async Task Scheduled_payments_run_once_per_due_date_and_a_stopped_budget_moves_nothing()
    {
        var (personId, _, officer, budget) = await ApprovedAsync();
        var money = $"/people/{personId}/budget/money";
        var page = await officer.GetAsync(money);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scheduled = await officer.SubmitFormAsync(page, money, new Dictionary<string, string>
        {
            ["ScheduleStreamId"] = budget.Streams.Single(s => s.Funder == Funder.Nhs).Id.ToString(), ["ScheduleAmount"] = "400", ["EveryWeeks"] = "4",
            ["FirstOn.Day"] = today.Day.ToString(), ["FirstOn.Month"] = today.Month.ToString(), ["FirstOn.Year"] = today.Year.ToString(),
        }, handler: "Schedule");
        Assert.True(scheduled.Status == HttpStatusCode.Redirect, string.Join("; ", scheduled.ErrorSummary));

        async Task<int> RunAsync()
        {
            using var scope = App.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<PersonalBudgetService>().RunDuePaymentsAsync();
        }
        Assert.Equal(1, await RunAsync());
        Assert.Equal(0, await RunAsync());
        Assert.Equal(today.AddDays(28), await App.WithDbAsync(db => db.PaymentSchedules.Where(s => s.BudgetId == budget.Id).Select(s => s.NextOn).SingleAsync()));

        // A reclaim needs a written reason; then the budget is stopped and nothing more moves.
        page = await officer.GetAsync(money);
        var noReason = await officer.SubmitFormAsync(page, money, new Dictionary<string, string> { ["ReclaimStreamId"] = budget.Streams[0].Id.ToString(), ["ReclaimFrom"] = "DirectPayment", ["ReclaimAmount"] = "10" }, handler: "Reclaim");
        Assert.Equal(["Enter the reason, in writing, for taking the money back"], noReason.ErrorSummary);
        var stopped = await officer.SubmitFormAsync(page, money, new Dictionary<string, string> { ["StopReason"] = "Consent withdrawn" }, handler: "Stop");
        Assert.Equal(HttpStatusCode.Redirect, stopped.Status);
        var entries = await EntriesAsync(budget.Id);
        page = await officer.GetAsync(money);
        var refused = await officer.SubmitFormAsync(page, money, new Dictionary<string, string> { ["PayStreamId"] = budget.Streams[0].Id.ToString(), ["PayTo"] = "DirectPayment", ["PayAmount"] = "1" }, handler: "Pay");
        Assert.StartsWith("This budget was stopped on", refused.ErrorSummary.Single());
        await App.WithDbAsync(db => db.PaymentSchedules.Where(s => s.BudgetId == budget.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.NextOn, today)));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(entries, await EntriesAsync(budget.Id));
    }

    [Fact]
    public async Task An_overdue_direct_payment_review_is_on_the_officers_list_until_reviewed()
    {
        var (personId, _, officer, budget) = await ApprovedAsync();
        // Started 7 months ago: the NHS stream's first review (3 months) is overdue.
        var started = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-7);
        await App.WithDbAsync(db => db.FundingStreams.Where(s => s.BudgetId == budget.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsOn, started)));
        var list = await officer.GetAsync("/budgets");
        var row = list.Document.QuerySelectorAll("tr").Single(r => r.InnerHtml.Contains($"/people/{personId}/budget"));
        Assert.Contains("Overdue", row.TextContent);
        Assert.True(row.TextContent.Contains("within 3 months"), row.TextContent);

        var review = $"/people/{personId}/budget/review";
        var missing = await officer.SubmitAsync(review, new Dictionary<string, string> { ["Input.PlanMeetsNeeds"] = "true" });
        Assert.Equal(["Select whether the money is being used well", "Select whether the amount is enough", "Enter what was discussed"], missing.ErrorSummary);
        var done = await officer.SubmitAsync(review, new Dictionary<string, string>
        {
            ["Input.PlanMeetsNeeds"] = "true", ["Input.MoneyUsedWell"] = "true", ["Input.AmountEnough"] = "false", ["Input.Notes"] = "Needs more hours of support",
        });
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.DoesNotContain($"/people/{personId}/budget", (await officer.GetAsync("/budgets")).Document.Body!.InnerHtml);

        // Needs change: due at once.
        var page = await officer.GetAsync(review);
        await officer.SubmitFormAsync(page, review, new Dictionary<string, string>(), handler: "NeedsChanged");
        Assert.Contains("the person's needs have changed", (await officer.GetAsync("/budgets")).Text);
    }

    [Fact]
    public async Task Only_the_persons_budget_officer_moves_money()
    {
        var (personId, _, _, budget) = await ApprovedAsync();
        var coach = await PageClient.SignedInAsync(App, fixture.Users[UserRole.HealthCoach]);
        var strangerOfficer = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.BudgetOfficer));
        foreach (var client in new[] { coach, strangerOfficer })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/people/{personId}/budget/payments")
            {
                Content = JsonContent.Create(new PaymentRequest(budget.Streams[0].Id, HeldAs.DirectPayment, "10"), options: Json),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.SendAsync(request)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerOfficer.GetAsync($"/people/{personId}/budget")).Status);
        Assert.Equal(0, await App.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.BudgetId == budget.Id && e.Kind == EntryKind.Payment)));
    }
}

public sealed class PersonalBudgetsOnSqliteTests(SqliteAccessFixture fixture) : PersonalBudgetTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class PersonalBudgetsOnPostgresTests(PostgresAccessFixture fixture) : PersonalBudgetTests(fixture), IClassFixture<PostgresAccessFixture>;
