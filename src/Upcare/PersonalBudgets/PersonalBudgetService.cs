using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Shared;

namespace Upcare.PersonalBudgets;

/// <summary>One funding stream's money: allocated, paid out, spent, reclaimed and left.</summary>
public sealed record StreamMoney(FundingStream Stream, long Allocated, long PaidOut, long Spent, long Reclaimed)
{
    public long Left => Allocated - Spent - Reclaimed;
}

/// <summary>A plan item with what has been spent on it.</summary>
public sealed record ItemMoney(BudgetPlanItem Item, long Spent);

/// <summary>The whole picture of a budget, derived from its ledger.</summary>
public sealed record BudgetView(
    PersonalBudget Budget, IReadOnlyList<StreamMoney> Streams, IReadOnlyList<ItemMoney> Items, IReadOnlyList<LedgerEntry> Entries,
    IReadOnlyDictionary<Guid, Guid> ReceiptByEntry, long InDirectPaymentAccount, long WithThirdParty, long? ForecastSpend, ReviewDue? Review, IReadOnlyList<BudgetReview> Reviews)
{
    public long Allocated => Streams.Sum(s => s.Allocated);
    public long Spent => Streams.Sum(s => s.Spent);
    public long Reclaimed => Streams.Sum(s => s.Reclaimed);
    public long Left => Allocated - Spent - Reclaimed;
    public long Planned => Items.Sum(i => i.Item.TotalPence);
    public bool PlanApproved => Budget.PlanApprovedAt is not null;
}

/// <summary>A budget whose review is due soon or overdue, on the officer's list.</summary>
public sealed record BudgetReviewDue(Guid PersonId, string PersonName, ReviewDue Review);

/// <summary>
/// Personal health budgets and integrated personal budgets: set up with the person, a costed plan inside the budget,
/// payments, spending and reclaims as double-entry ledger entries (never edited; corrections are new entries), reviews
/// on their clocks. Every movement carries an idempotency key, so a retried or doubled request moves money once.
/// </summary>
public partial class PersonalBudgetService(UpcareDbContext db, PersonAccess access, TimeProvider clock, IOptions<PersonalBudgetOptions> options)
{
    public const long MaxReceiptBytes = 5 * 1024 * 1024;
    public static readonly string[] ReceiptTypes = ["application/pdf", "image/jpeg", "image/png"];

    /// <summary>True when the file starts as its type's files do (PDF "%PDF-", JPEG FF D8 FF, PNG's 8-byte signature).</summary>
    public static bool LooksLike(string contentType, ReadOnlySpan<byte> content) => contentType switch
    {
        "application/pdf" => content.StartsWith("%PDF-"u8),
        "image/jpeg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "image/png" => content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        _ => false,
    };

    /// <summary>The type a stored receipt is served as: what its first bytes show, never what the upload claimed.</summary>
    public static string ServedType(ReadOnlySpan<byte> content)
    {
        foreach (var type in ReceiptTypes)
        {
            if (LooksLike(type, content))
            {
                return type;
            }
        }
        return "application/octet-stream";
    }

    private PersonalBudgetOptions Options => options.Value;
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => UkTime.Today(clock);
    public IReadOnlyList<string> Categories => Options.Categories.Concat(Options.Excluded.Select(e => e.Name)).ToList();

    public Task<PersonalBudget?> GetAsync(Guid personId, CancellationToken ct = default) =>
        db.PersonalBudgets.AsNoTracking().Include(b => b.Streams).Include(b => b.Items).AsSplitQuery().FirstOrDefaultAsync(b => b.PersonId == personId, ct);

    /// <summary>Only a budget officer with the person on their caseload moves money or changes the budget.</summary>
    private async Task EnsureOfficerAsync(Guid personId, CancellationToken ct)
    {
        if (User.Role != UserRole.BudgetOfficer || !(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("Only the person's budget officer can do this");
        }
    }

    private void EnsureThePerson(Guid personId)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            throw new UnauthorizedAccessException("Only the person can do this for their own budget");
        }
    }

    private static ValidationFailedException Refused(string field, string message) => new([new FieldError(field, message)]);

    private static long Pence(Validation v, string field, string? text, bool required = true)
    {
        if (!required && string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }
        if (!Money.TryParsePence(text, out var pence, out var error))
        {
            v.Add(field, error!);
        }
        return pence;
    }

    [GeneratedRegex(@"^\d{2}-?\d{2}-?\d{2}$")]
    private static partial Regex SortCodePattern();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex AccountNumberPattern();

    /// <summary>Sets a budget up with the person: the right, the period, the funding streams (each allocated in the ledger) and how it is held.</summary>
    public async Task<PersonalBudget> SetUpAsync(Guid personId, BudgetSetupForm form, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        if (await db.PersonalBudgets.AnyAsync(b => b.PersonId == personId, ct))
        {
            throw Refused("", "This person already has a budget");
        }
        var v = new Validation();
        if (form.Right is null)
        {
            v.Add(nameof(form.Right), "Select why the person has a budget");
        }
        DateOnly starts = default, ends = default;
        if (!form.StartsOn.TryParse("Start date", out starts, out var e1))
        {
            v.Add(nameof(form.StartsOn), e1!);
        }
        if (!form.EndsOn.TryParse("End date", out ends, out var e2))
        {
            v.Add(nameof(form.EndsOn), e2!);
        }
        else if (ends <= starts)
        {
            v.Add(nameof(form.EndsOn), "End date must be after the start date");
        }
        var streams = new List<FundingStream>();
        for (var i = 0; i < form.Streams.Count; i++)
        {
            var s = form.Streams[i];
            if (s.IsBlank)
            {
                continue;
            }
            var key = $"{nameof(form.Streams)}[{i}].";
            if (s.Funder is null)
            {
                v.Add(key + nameof(StreamForm.Funder), "Select who funds this part");
            }
            var name = v.Required(key + nameof(StreamForm.FunderName), s.FunderName, "Enter the funder's name", 200, "Funder");
            var amount = Pence(v, key + nameof(StreamForm.Amount), s.Amount);
            if (amount == 0 && v.Errors.All(e => e.Field != key + nameof(StreamForm.Amount)))
            {
                v.Add(key + nameof(StreamForm.Amount), "The amount must be more than £0.00");
            }
            var rules = v.Optional(key + nameof(StreamForm.Rules), s.Rules, 2000, "Rules") ?? "";
            streams.Add(new FundingStream { Id = Guid.NewGuid(), Funder = s.Funder ?? Funder.Nhs, FunderName = name ?? "", AllocationPence = amount, StartsOn = starts, EndsOn = ends, Rules = rules });
        }
        if (streams.Count == 0)
        {
            v.Add("Streams[0].Funder", "Enter at least one funding stream");
        }
        var notional = Pence(v, nameof(form.Notional), form.Notional, required: false);
        var thirdParty = Pence(v, nameof(form.ThirdParty), form.ThirdParty, required: false);
        var thirdPartyName = v.Optional(nameof(form.ThirdPartyName), form.ThirdPartyName, 200, "Third party");
        if (thirdParty > 0 && thirdPartyName is null)
        {
            v.Add(nameof(form.ThirdPartyName), "Enter the organisation or person who holds the third-party budget");
        }
        var direct = Pence(v, nameof(form.DirectPayment), form.DirectPayment, required: false);
        var accountName = v.Optional(nameof(form.AccountName), form.AccountName, 200, "Account name");
        var sortCode = form.SortCode?.Trim();
        var accountNumber = form.AccountNumber?.Replace(" ", "").Trim();
        if (direct > 0)
        {
            if (accountName is null)
            {
                v.Add(nameof(form.AccountName), "Enter the name of the dedicated account for the direct payment");
            }
            if (sortCode is null || !SortCodePattern().IsMatch(sortCode))
            {
                v.Add(nameof(form.SortCode), "Enter a sort code like 30-94-57");
            }
            if (accountNumber is null || !AccountNumberPattern().IsMatch(accountNumber))
            {
                v.Add(nameof(form.AccountNumber), "Enter an account number of 8 digits");
            }
        }
        var total = streams.Sum(s => s.AllocationPence);
        if (v.IsValid && notional + thirdParty + direct != total)
        {
            v.Add(nameof(form.Notional), $"The ways the budget is held add up to {Money.Format(notional + thirdParty + direct)}, but the budget is {Money.Format(total)}. They must be the same");
        }
        v.ThrowIfInvalid();

        var budget = new PersonalBudget
        {
            Id = Guid.NewGuid(), PersonId = personId, Right = form.Right!.Value, StartsOn = starts, EndsOn = ends, Status = BudgetStatus.Active,
            CreatedAt = Now, CreatedByName = User.Name, NotionalPence = notional, ThirdPartyPence = thirdParty, ThirdPartyName = thirdParty > 0 ? thirdPartyName : null,
            DirectPaymentPence = direct, AccountName = direct > 0 ? accountName : null, SortCode = direct > 0 ? sortCode : null, AccountNumber = direct > 0 ? accountNumber : null,
            Version = 1, Streams = streams,
        };
        foreach (var s in streams)
        {
            s.BudgetId = budget.Id;
        }
        db.PersonalBudgets.Add(budget);
        var book = new LedgerBook([]);
        foreach (var s in streams)
        {
            db.LedgerEntries.Add(Fill(book.Allocate(s.Id, s.AllocationPence), budget.Id, $"allocation:{s.Id}", $"{s.FunderName}: budget for {UkTime.FormatDate(starts)} to {UkTime.FormatDate(ends)}"));
        }
        access.Stage(personId, "budget-set-up", "POST /people/{id:guid}/budget/setup", $"{Money.Format(total)} from {string.Join(", ", streams.Select(s => s.FunderName))}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Refused("", "This person already has a budget");
        }
        return budget;
    }

    private LedgerEntry Fill(LedgerEntry entry, Guid budgetId, string key, string description, DateOnly? on = null)
    {
        entry.BudgetId = budgetId;
        entry.At = Now;
        entry.On = on ?? Today;
        entry.IdempotencyKey = key;
        entry.Description = description.Length > 500 ? description[..500] : description;
        entry.ByUserId = User.Id ?? Guid.Empty;
        entry.ByName = User.IsSignedIn ? User.Name : "Scheduled payment";
        return entry;
    }

    /// <summary>
    /// Saves the costed plan: each item's outcome, what, category, from whom, how often and cost. Refuses an excluded
    /// item with its reason, and a plan costing more than the budget (or a stream more than its allocation). Changing the
    /// plan withdraws its approval.
    /// </summary>
    public async Task SavePlanAsync(Guid personId, int version, IReadOnlyList<PlanItemForm> items, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var budget = await db.PersonalBudgets.Include(b => b.Streams).Include(b => b.Items).AsSplitQuery().FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        EnsureActive(budget);
        var v = new Validation();
        var lines = new List<BudgetPlanItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var f = items[i];
            if (f.IsBlank)
            {
                continue;
            }
            var key = $"Items[{i}].";
            var outcome = v.Required(key + nameof(f.Outcome), f.Outcome, "Enter the outcome this item meets", 500, "Outcome") ?? "";
            var what = v.Required(key + nameof(f.What), f.What, "Enter what will be bought or paid for", 500, "What") ?? "";
            var category = f.Category?.Trim() ?? "";
            if (!Categories.Contains(category))
            {
                v.Add(key + nameof(f.Category), "Select a category");
            }
            else if (Options.ExclusionFor(category, what) is { } excluded)
            {
                v.Add(key + nameof(f.What), $"{excluded.Reason}: \"{what}\" cannot be in the plan");
            }
            var from = v.Required(key + nameof(f.FromWhom), f.FromWhom, "Enter who provides it", 200, "From whom") ?? "";
            var often = v.Required(key + nameof(f.HowOften), f.HowOften, "Enter how often, for example 'every week'", 200, "How often") ?? "";
            var unit = Pence(v, key + nameof(f.UnitCost), f.UnitCost);
            var quantity = 0;
            if (!int.TryParse(f.Quantity?.Trim(), out quantity) || quantity is < 1 or > 10_000)
            {
                v.Add(key + nameof(f.Quantity), "Enter how many, a whole number from 1 to 10,000");
            }
            var stream = budget.Streams.FirstOrDefault(s => s.Id == f.StreamId) ?? (budget.Streams.Count == 1 ? budget.Streams[0] : null);
            if (stream is null)
            {
                v.Add(key + nameof(f.StreamId), "Select which funding stream pays for it");
            }
            lines.Add(new BudgetPlanItem
            {
                Id = f.Id is { } id && budget.Items.Any(x => x.Id == id) ? id : Guid.NewGuid(), BudgetId = budget.Id, StreamId = stream?.Id ?? Guid.Empty, Position = i,
                Outcome = outcome, What = what, Category = category, FromWhom = from, HowOften = often, UnitCostPence = unit, Quantity = quantity,
            });
        }
        if (lines.Count == 0)
        {
            v.Add("Items[0].Outcome", "Enter at least one item in the plan");
        }
        v.ThrowIfInvalid();
        if (lines.Sum(l => l.TotalPence) > budget.TotalPence)
        {
            throw Refused("", $"The plan costs {Money.Format(lines.Sum(l => l.TotalPence))}, more than the budget of {Money.Format(budget.TotalPence)}. Take something out or lower a cost");
        }
        foreach (var stream in budget.Streams)
        {
            var planned = lines.Where(l => l.StreamId == stream.Id).Sum(l => l.TotalPence);
            if (planned > stream.AllocationPence)
            {
                throw Refused("", $"{stream.FunderName}'s items cost {Money.Format(planned)}, more than its {Money.Format(stream.AllocationPence)}");
            }
        }
        var spentOn = await db.LedgerEntries.Where(e => e.BudgetId == budget.Id && e.ItemId != null).Select(e => e.ItemId!.Value).Distinct().ToListAsync(ct);
        if (budget.Items.FirstOrDefault(old => spentOn.Contains(old.Id) && lines.All(l => l.Id != old.Id)) is { } kept)
        {
            throw Refused("", $"\"{kept.What}\" has spending recorded against it, so it stays in the plan");
        }
        if (budget.Version != version)
        {
            throw Refused("", "The budget changed since you opened this page. Check the plan below and save again");
        }
        db.BudgetPlanItems.RemoveRange(budget.Items.Where(old => lines.All(l => l.Id != old.Id)));
        foreach (var line in lines)
        {
            if (budget.Items.FirstOrDefault(x => x.Id == line.Id) is { } row)
            {
                (row.StreamId, row.Position, row.Outcome, row.What, row.Category, row.FromWhom, row.HowOften, row.UnitCostPence, row.Quantity) =
                    (line.StreamId, line.Position, line.Outcome, line.What, line.Category, line.FromWhom, line.HowOften, line.UnitCostPence, line.Quantity);
            }
            else
            {
                db.BudgetPlanItems.Add(line);
            }
        }
        (budget.PlanApprovedAt, budget.PlanApprovedBy, budget.PlanAgreedByPersonAt) = (null, null, null);
        budget.Version++;
        access.Stage(personId, "budget-plan-changed", "POST /people/{id:guid}/budget/plan", $"{lines.Count} items, {Money.Format(lines.Sum(l => l.TotalPence))}");
        await SaveOrConflictAsync(ct);
    }

    private async Task SaveOrConflictAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Refused("", "The budget changed at the same moment. Check it below and try again");
        }
    }

    private static void EnsureActive(PersonalBudget budget)
    {
        if (budget.Status == BudgetStatus.Stopped)
        {
            throw Refused("", $"This budget was stopped on {UkTime.FormatDateTime(budget.StoppedAt!.Value)}: {budget.StoppedReason}");
        }
    }

    /// <summary>The budget holder approves the costed plan; the person agrees it from their own pages.</summary>
    public async Task ApprovePlanAsync(Guid personId, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var budget = await db.PersonalBudgets.Include(b => b.Items).FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        EnsureActive(budget);
        if (budget.Items.Count == 0)
        {
            throw Refused("", "There is no costed plan to approve yet");
        }
        (budget.PlanApprovedAt, budget.PlanApprovedBy) = (Now, User.Name);
        budget.Version++;
        access.Stage(personId, "budget-plan-approved", "POST /people/{id:guid}/budget/plan", null);
        await SaveOrConflictAsync(ct);
    }

    public async Task AgreePlanAsync(Guid personId, CancellationToken ct = default)
    {
        EnsureThePerson(personId);
        var budget = await db.PersonalBudgets.Include(b => b.Items).FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (budget.Items.Count == 0)
        {
            throw Refused("", "There is no plan to agree yet");
        }
        budget.PlanAgreedByPersonAt = Now;
        budget.Version++;
        access.Stage(personId, "budget-plan-agreed", "POST /me/budget", null);
        await SaveOrConflictAsync(ct);
    }

    /// <summary>
    /// Posts one ledger movement. The key makes it happen once: a retry, or the same request twice at once, finds the
    /// entry already made. Movements on one budget take turns (a lock held to the commit), so each is checked against
    /// the balance the one before it left, and none is refused only because another was in flight.
    /// </summary>
    private async Task<LedgerEntry> PostAsync(Guid personId, string key, Func<PersonalBudget, LedgerBook, LedgerEntry> movement, ReceiptUpload? receipt, LedgerAudit audit,
        CancellationToken ct, Func<CancellationToken, Task>? alongside = null, Guid? correcting = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            // Read afresh each turn: a job posts many movements on one context, and a tracked budget would be stale.
            db.ChangeTracker.Clear();
            string? refusedBecause = null;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                // A write that changes nothing, first in the transaction: it holds the budget's row (PostgreSQL) or the
                // database's write lock (SQLite) until the commit, so the next movement on this budget waits its turn.
                if (await db.PersonalBudgets.Where(b => b.PersonId == personId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Version, b => b.Version), ct) == 0)
                {
                    throw new KeyNotFoundException();
                }
                var budget = await db.PersonalBudgets.Include(b => b.Streams).Include(b => b.Items).AsSplitQuery().FirstAsync(b => b.PersonId == personId, ct);
                if (await db.LedgerEntries.AsNoTracking().FirstOrDefaultAsync(e => e.IdempotencyKey == key, ct) is { } done)
                {
                    if (done.BudgetId != budget.Id)
                    {
                        throw Refused("", "This request was already used for another budget");
                    }
                    await RecordReplayOnceAsync(personId, key, audit, ct);
                    await transaction.CommitAsync(ct);
                    return done;
                }
                EnsureActive(budget);
                var book = await BookAsync(budget.Id, correcting, ct);
                LedgerEntry? entry = null;
                try
                {
                    entry = movement(budget, book);
                }
                catch (LedgerRefusedException e)
                {
                    refusedBecause = e.Message;
                }
                if (entry is not null)
                {
                    entry.IdempotencyKey = key;
                    entry.BudgetId = budget.Id;
                    db.LedgerEntries.Add(entry);
                    if (receipt is not null)
                    {
                        db.BudgetReceipts.Add(new BudgetReceipt { Id = Guid.NewGuid(), EntryId = entry.Id, BudgetId = budget.Id, FileName = receipt.FileName, ContentType = receipt.ContentType, Content = receipt.Content });
                    }
                    budget.Version++;
                    access.Stage(personId, audit.Action, audit.Route, audit.Detail(entry));
                    if (alongside is not null)
                    {
                        await alongside(ct);
                    }
                    try
                    {
                        await db.SaveChangesAsync(ct);
                        await transaction.CommitAsync(ct);
                        return entry;
                    }
                    catch (DbUpdateException) when (attempt < 3)
                    {
                        // Only a movement that did not wait its turn can get here (the same key stored by a request on
                        // another budget's lock); look again.
                        db.ChangeTracker.Clear();
                        continue;
                    }
                }
            }
            // Refused by the ledger's rules: the lock is released first, as the audit trail writes on its own connection.
            await access.RecordAsync(personId, audit.Action + "-refused", audit.Route, AuditOutcome.Refused, refusedBecause);
            throw Refused("Amount", refusedBecause!);
        }
    }

    /// <summary>
    /// The budget's balances from its totals per kind and pair of accounts (a few rows however long the ledger grows),
    /// with the entry being corrected, if any, and its corrections so far.
    /// </summary>
    private async Task<LedgerBook> BookAsync(Guid budgetId, Guid? correcting, CancellationToken ct)
    {
        var flows = await db.LedgerEntries.AsNoTracking().Where(e => e.BudgetId == budgetId)
            .GroupBy(e => new { e.Kind, e.Debit, e.Credit })
            .Select(g => new LedgerFlow(g.Key.Kind, g.Key.Debit, g.Key.Credit, g.Sum(e => e.AmountPence)))
            .ToListAsync(ct);
        var referable = correcting is { } id
            ? await db.LedgerEntries.AsNoTracking().Where(e => e.BudgetId == budgetId && (e.Id == id || e.CorrectsEntryId == id)).ToListAsync(ct)
            : [];
        return LedgerBook.FromFlows(flows, referable);
    }

    /// <summary>
    /// A request repeated with the same key moves nothing; the trail says so once, not once per repeat (a client retrying
    /// in a loop would otherwise fill it). Scheduled payments found already made by another run are not repeats by anyone.
    /// </summary>
    private async Task RecordReplayOnceAsync(Guid personId, string key, LedgerAudit audit, CancellationToken ct)
    {
        if (!audit.RecordReplay)
        {
            return;
        }
        var action = audit.Action + "-replayed";
        var detail = $"Request {key} sent again: already made, nothing moved";
        if (!await db.AuditEntries.AnyAsync(e => e.PersonId == personId && e.Action == action && e.Detail == detail, ct))
        {
            access.Stage(personId, action, audit.Route, detail);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Pays money out of the budget to the direct payment account or the third party: only with an approved plan, within that way's share.</summary>
    public async Task<LedgerEntry> PayAsync(Guid personId, Guid? streamId, HeldAs? to, string? amount, string? idempotencyKey, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var v = new Validation();
        var pence = Pence(v, "Amount", amount);
        if (to is not (HeldAs.DirectPayment or HeldAs.ThirdParty))
        {
            v.Add("To", "Select where the payment goes: the direct payment account or the third party");
        }
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            v.Add("", "The payment has no request key; reload the page and try again");
        }
        else if (idempotencyKey.Length > 100 || idempotencyKey.Any(char.IsControl))
        {
            v.Add("", "The payment's request key (Idempotency-Key) must be 100 characters or fewer, with no control characters");
        }
        v.ThrowIfInvalid();
        var entry = await PostAsync(personId, $"payment:{idempotencyKey}", (budget, book) =>
        {
            if (budget.PlanApprovedAt is null)
            {
                throw new LedgerRefusedException("No payment can be made until the costed plan is approved");
            }
            var stream = budget.Streams.FirstOrDefault(s => s.Id == streamId) ?? (budget.Streams.Count == 1 ? budget.Streams[0] : null)
                ?? throw new LedgerRefusedException("Select which funding stream pays");
            var share = to == HeldAs.DirectPayment ? budget.DirectPaymentPence : budget.ThirdPartyPence;
            var paid = book.NetPaid(to!.Value);
            if (paid + pence > share)
            {
                throw new LedgerRefusedException($"This would pay {Money.Format(paid + pence)} {(to == HeldAs.DirectPayment ? "as direct payments" : "to the third party")}, more than the {Money.Format(share)} agreed to be held that way");
            }
            var made = book.Pay(stream.Id, to!.Value, pence);
            return Fill(made, budget.Id, "", to == HeldAs.DirectPayment
                ? $"Direct payment into account {budget.AccountNumber?[^4..].PadLeft(8, '*')}"
                : $"Payment to {budget.ThirdPartyName}");
        }, null, new LedgerAudit("budget-payment", "POST /people/{id:guid}/budget/money", e => $"{Money.Format(e.AmountPence)}: {e.Description}"), ct);
        return entry;
    }

    /// <summary>
    /// Records money spent on a plan item, with a receipt where there is one. The person records spending from their
    /// direct payment; the officer records notional and third-party spending.
    /// </summary>
    public async Task<LedgerEntry> SpendAsync(Guid personId, SpendForm form, ReceiptUpload? receipt, string idempotencyKey, CancellationToken ct = default)
    {
        var byPerson = User.Role == UserRole.Person;
        if (byPerson)
        {
            EnsureThePerson(personId);
        }
        else
        {
            await EnsureOfficerAsync(personId, ct);
        }
        var v = new Validation();
        if (form.ItemId is null)
        {
            v.Add(nameof(form.ItemId), "Select what in the plan the money was spent on");
        }
        var pence = Pence(v, nameof(form.Amount), form.Amount);
        var from = byPerson ? HeldAs.DirectPayment : form.From;
        if (from is null)
        {
            v.Add(nameof(form.From), "Select where the money came from");
        }
        var on = Today;
        if (!form.On.IsEmpty)
        {
            if (!form.On.TryParse("Date of the spending", out on, out var error))
            {
                v.Add(nameof(form.On), error!);
            }
            else if (on > Today)
            {
                v.Add(nameof(form.On), "Date of the spending must be today or in the past");
            }
        }
        var note = v.Optional(nameof(form.Note), form.Note, 500, "Note");
        if (receipt is not null)
        {
            if (receipt.Length > MaxReceiptBytes)
            {
                v.Add("Receipt", "The receipt must be smaller than 5 MB");
            }
            else if (!ReceiptTypes.Contains(receipt.ContentType) || !LooksLike(receipt.ContentType, receipt.Content))
            {
                // The declared type is the browser's guess from the name; the first bytes say what the file really is.
                v.Add("Receipt", "The receipt must be a PDF, JPG or PNG");
            }
        }
        v.ThrowIfInvalid();
        var entry = await PostAsync(personId, $"spend:{idempotencyKey}", (budget, book) =>
        {
            if (byPerson && budget.DirectPaymentPence == 0)
            {
                throw new LedgerRefusedException("You can record spending here when you hold your budget as a direct payment");
            }
            var item = budget.Items.FirstOrDefault(i => i.Id == form.ItemId) ?? throw new LedgerRefusedException("That item is not in this budget's plan");
            var made = book.Spend(item.StreamId, item.Id, from!.Value, pence);
            return Fill(made, budget.Id, "", $"{item.What}{(note is null ? "" : $": {note}")}", on);
        }, receipt, new LedgerAudit("budget-spend", byPerson ? "POST /me/budget" : "POST /people/{id:guid}/budget/money", e => $"{Money.Format(e.AmountPence)}: {e.Description}"), ct);
        return entry;
    }

    /// <summary>Takes unused money back to the funder, with the written reason the person is given.</summary>
    public async Task<LedgerEntry> ReclaimAsync(Guid personId, Guid? streamId, HeldAs? from, string? amount, string? reason, string idempotencyKey, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var v = new Validation();
        var pence = Pence(v, "Amount", amount);
        if (from is null)
        {
            v.Add("From", "Select where the unused money is held");
        }
        var why = v.Required("Reason", reason, "Enter the reason, in writing, for taking the money back", 500, "Reason");
        v.ThrowIfInvalid();
        var entry = await PostAsync(personId, $"reclaim:{idempotencyKey}", (budget, book) =>
        {
            var stream = budget.Streams.FirstOrDefault(s => s.Id == streamId) ?? (budget.Streams.Count == 1 ? budget.Streams[0] : null)
                ?? throw new LedgerRefusedException("Select which funding stream the money goes back to");
            return Fill(book.Reclaim(stream.Id, from!.Value, pence), budget.Id, "", $"Unused money returned to {stream.FunderName}: {why}");
        }, null, new LedgerAudit("budget-reclaim", "POST /people/{id:guid}/budget/money", e => $"{Money.Format(e.AmountPence)}: {why}"), ct);
        return entry;
    }

    /// <summary>Corrects an entry made in error by a new entry reversing it; the original stays in the ledger.</summary>
    public async Task<LedgerEntry> CorrectAsync(Guid personId, Guid? entryId, string? reason, string idempotencyKey, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var v = new Validation();
        var why = v.Required("Reason", reason, "Enter why the entry is being corrected", 500, "Reason");
        if (entryId is null)
        {
            v.Add("EntryId", "Select the entry to correct");
        }
        v.ThrowIfInvalid();
        var entry = await PostAsync(personId, $"correction:{idempotencyKey}", (budget, book) =>
            Fill(book.Correct(entryId!.Value), budget.Id, "", $"Correction: {why}"), null, new LedgerAudit("budget-correction", "POST /people/{id:guid}/budget/money", _ => why!), ct, correcting: entryId);
        return entry;
    }

    /// <summary>Stops the budget's payments with a reason (consent withdrawn, misuse, the person has died); nothing more moves.</summary>
    public async Task StopAsync(Guid personId, string? reason, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var v = new Validation();
        var why = v.Required("Reason", reason, "Enter why the payments are being stopped", 500, "Reason");
        v.ThrowIfInvalid();
        var budget = await db.PersonalBudgets.FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        EnsureActive(budget);
        (budget.Status, budget.StoppedAt, budget.StoppedReason) = (BudgetStatus.Stopped, Now, why);
        budget.Version++;
        // Tracked, not a separate update: the schedules stop in the same commit as the budget and its audit entry.
        foreach (var schedule in await db.PaymentSchedules.Where(s => s.BudgetId == budget.Id && !s.Stopped).ToListAsync(ct))
        {
            schedule.Stopped = true;
        }
        access.Stage(personId, "budget-stopped", "POST /people/{id:guid}/budget/money", why);
        await SaveOrConflictAsync(ct);
    }

    /// <summary>Sets up a regular direct payment: an amount every few weeks from a date.</summary>
    public async Task ScheduleAsync(Guid personId, Guid? streamId, string? amount, int? everyWeeks, DateParts firstOn, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var budget = await db.PersonalBudgets.Include(b => b.Streams).FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        EnsureActive(budget);
        var v = new Validation();
        var pence = Pence(v, "ScheduleAmount", amount);
        if (everyWeeks is not (>= 1 and <= 52))
        {
            v.Add("EveryWeeks", "Enter how many weeks between payments, from 1 to 52");
        }
        if (!firstOn.TryParse("First payment date", out var first, out var error))
        {
            v.Add("FirstOn", error!);
        }
        else if (first < Today)
        {
            v.Add("FirstOn", "First payment date must be today or in the future");
        }
        var stream = budget.Streams.FirstOrDefault(s => s.Id == streamId) ?? (budget.Streams.Count == 1 ? budget.Streams[0] : null);
        if (stream is null)
        {
            v.Add("ScheduleStreamId", "Select which funding stream pays");
        }
        if (budget.DirectPaymentPence == 0)
        {
            v.Add("ScheduleAmount", "This budget is not held as a direct payment");
        }
        v.ThrowIfInvalid();
        db.PaymentSchedules.Add(new PaymentSchedule { Id = Guid.NewGuid(), BudgetId = budget.Id, StreamId = stream!.Id, AmountPence = pence, EveryWeeks = everyWeeks!.Value, NextOn = first });
        access.Stage(personId, "budget-payments-scheduled", "POST /people/{id:guid}/budget/money", $"{Money.Format(pence)} every {everyWeeks} weeks from {UkTime.FormatDate(first)}");
        await db.SaveChangesAsync(ct);
    }

    public Task<List<PaymentSchedule>> SchedulesAsync(Guid budgetId, CancellationToken ct = default) =>
        db.PaymentSchedules.AsNoTracking().Where(s => s.BudgetId == budgetId && !s.Stopped).ToListAsync(ct);

    /// <summary>
    /// Makes every scheduled payment that has fallen due (run by the payments job). Each is keyed by schedule and date,
    /// so a second run, or a second instance, pays nothing twice. A payment the ledger refuses waits for the next run.
    /// </summary>
    public async Task<int> RunDuePaymentsAsync(CancellationToken ct = default)
    {
        var made = 0;
        var due = await db.PaymentSchedules.AsNoTracking().Where(s => !s.Stopped && s.NextOn <= Today).ToListAsync(ct);
        foreach (var schedule in due)
        {
            var personId = await db.PersonalBudgets.Where(b => b.Id == schedule.BudgetId).Select(b => b.PersonId).FirstAsync(ct);
            var nextOn = schedule.NextOn;
            try
            {
                await PostAsync(personId, $"schedule:{schedule.Id}:{nextOn:yyyy-MM-dd}", (budget, book) =>
                {
                    if (budget.PlanApprovedAt is null)
                    {
                        throw new LedgerRefusedException("No payment can be made until the costed plan is approved");
                    }
                    return Fill(book.Pay(schedule.StreamId, HeldAs.DirectPayment, schedule.AmountPence), budget.Id, "", $"Scheduled direct payment due {UkTime.FormatDate(nextOn)}", nextOn);
                }, null, new LedgerAudit("budget-payment", "job budget-payments", _ => $"Scheduled {Money.Format(schedule.AmountPence)}", RecordReplay: false), ct,
                // The schedule moves on in the payment's own commit, so a crash between them cannot pay or skip a date.
                alongside: async c =>
                {
                    var row = await db.PaymentSchedules.FirstAsync(s => s.Id == schedule.Id, c);
                    if (row.NextOn == nextOn)
                    {
                        row.NextOn = nextOn.AddDays(7 * schedule.EveryWeeks);
                    }
                });
                made++;
            }
            catch (ValidationFailedException)
            {
                // Not enough money, a stopped budget or no approved plan: it is tried again at the next run.
            }
        }
        return made;
    }

    /// <summary>Records a review: does the plan still meet needs, is the money used well, is the amount enough.</summary>
    public async Task ReviewAsync(Guid personId, BudgetReviewForm form, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var budget = await db.PersonalBudgets.FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        var v = new Validation();
        if (form.PlanMeetsNeeds is null) v.Add(nameof(form.PlanMeetsNeeds), "Select whether the plan still meets the person's needs");
        if (form.MoneyUsedWell is null) v.Add(nameof(form.MoneyUsedWell), "Select whether the money is being used well");
        if (form.AmountEnough is null) v.Add(nameof(form.AmountEnough), "Select whether the amount is enough");
        var notes = v.Required(nameof(form.Notes), form.Notes, "Enter what was discussed", 2000, "Notes");
        v.ThrowIfInvalid();
        db.BudgetReviews.Add(new BudgetReview
        {
            Id = Guid.NewGuid(), BudgetId = budget.Id, On = Today, At = Now, ByName = User.Name,
            PlanMeetsNeeds = form.PlanMeetsNeeds!.Value, MoneyUsedWell = form.MoneyUsedWell!.Value, AmountEnough = form.AmountEnough!.Value, Notes = notes!,
        });
        // The review deals with any change in needs reported before it.
        budget.NeedsChangedOn = null;
        access.Stage(personId, "budget-reviewed", "POST /people/{id:guid}/budget/review", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person's needs have changed: a review is due now.</summary>
    public async Task NeedsChangedAsync(Guid personId, CancellationToken ct = default)
    {
        await EnsureOfficerAsync(personId, ct);
        var budget = await db.PersonalBudgets.FirstOrDefaultAsync(b => b.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        budget.NeedsChangedOn = Today;
        access.Stage(personId, "budget-needs-changed", "POST /people/{id:guid}/budget/review", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>When the budget's next review is due (only budgets held in part as a direct payment have the clock).</summary>
    public ReviewDue? ReviewFor(PersonalBudget budget, DateOnly? lastReviewOn) =>
        budget.DirectPaymentPence == 0 || budget.Status == BudgetStatus.Stopped
            ? null
            : ReviewClock.Next(budget.Streams.Select(s => (s.StartsOn, Options.FirstReviewMonthsFor(s.Funder))), Options.ThenEveryMonths, lastReviewOn, budget.NeedsChangedOn, Today);

    /// <summary>Everything about a budget, from its ledger.</summary>
    public async Task<BudgetView> ViewAsync(PersonalBudget budget, CancellationToken ct = default)
    {
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.BudgetId == budget.Id).OrderBy(e => e.At).ToListAsync(ct);
        var book = new LedgerBook(entries);
        var receipts = await db.BudgetReceipts.AsNoTracking().Where(r => r.BudgetId == budget.Id).Select(r => new { r.EntryId, r.Id }).ToListAsync(ct);
        var reviews = await db.BudgetReviews.AsNoTracking().Where(r => r.BudgetId == budget.Id).OrderByDescending(r => r.At).ToListAsync(ct);
        long Sum(Func<string, bool> account) => book.Balances.Where(b => account(b.Key)).Sum(b => b.Value);
        var streams = budget.Streams.OrderBy(s => s.Funder).Select(s => new StreamMoney(s,
            Allocated: Net(book, EntryKind.Allocation, e => e.StreamId == s.Id),
            PaidOut: Net(book, EntryKind.Payment, e => e.StreamId == s.Id),
            Spent: Net(book, EntryKind.Spend, e => e.StreamId == s.Id),
            Reclaimed: Net(book, EntryKind.Reclaim, e => e.StreamId == s.Id))).ToList();
        var items = budget.Items.OrderBy(i => i.Position).Select(i => new ItemMoney(i, book.Balance(LedgerAccounts.Spent(i.StreamId, i.Id)))).ToList();
        var spent = streams.Sum(s => s.Spent);
        long? forecast = null;
        if (Today >= budget.StartsOn && Today <= budget.EndsOn)
        {
            var elapsed = Today.DayNumber - budget.StartsOn.DayNumber + 1;
            var total = budget.EndsOn.DayNumber - budget.StartsOn.DayNumber + 1;
            forecast = spent * total / elapsed;
        }
        return new BudgetView(budget, streams, items, entries, receipts.ToDictionary(r => r.EntryId, r => r.Id),
            Sum(a => LedgerAccounts.IsHeld(a, HeldAs.DirectPayment)), Sum(a => LedgerAccounts.IsHeld(a, HeldAs.ThirdParty)),
            forecast, ReviewFor(budget, reviews.FirstOrDefault()?.On), reviews);
    }

    /// <summary>The total of one kind of movement matching <paramref name="which"/>, less any of them corrected since.</summary>
    private static long Net(LedgerBook book, EntryKind kind, Func<LedgerEntry, bool> which)
    {
        var moves = book.Entries.Where(e => e.Kind == kind && which(e)).ToList();
        var corrected = book.Entries.Where(e => e.Kind == EntryKind.Correction && moves.Any(m => m.Id == e.CorrectsEntryId)).Sum(e => e.AmountPence);
        return moves.Sum(e => e.AmountPence) - corrected;
    }

    /// <summary>A receipt, if it belongs to this person's budget.</summary>
    public Task<BudgetReceipt?> ReceiptAsync(Guid personId, Guid receiptId, CancellationToken ct = default) =>
        db.BudgetReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == receiptId && db.PersonalBudgets.Any(b => b.Id == r.BudgetId && b.PersonId == personId), ct);

    /// <summary>Budgets of people this user may see whose review is overdue or due within <paramref name="withinDays"/> days.</summary>
    public async Task<List<BudgetReviewDue>> ReviewsDueAsync(int withinDays, CancellationToken ct = default)
    {
        var rows = await (from budget in db.PersonalBudgets.AsNoTracking().Include(b => b.Streams)
                          join person in access.Visible(db.People.AsNoTracking()) on budget.PersonId equals person.Id
                          select new { Budget = budget, person.GivenName, person.FamilyName, Last = db.BudgetReviews.Where(r => r.BudgetId == budget.Id).Max(r => (DateOnly?)r.On) })
            .Take(1000).ToListAsync(ct);
        return rows.Select(r => (r, due: ReviewFor(r.Budget, r.Last)))
            .Where(x => x.due is { } d && d.DueOn <= Today.AddDays(withinDays))
            .OrderBy(x => x.due!.DueOn)
            .Select(x => new BudgetReviewDue(x.r.Budget.PersonId, $"{x.r.GivenName} {x.r.FamilyName}", x.due!)).ToList();
    }
}

/// <summary>How a ledger movement is audited: the action, the route and the words, written in the movement's own commit.</summary>
internal sealed record LedgerAudit(string Action, string Route, Func<LedgerEntry, string> Detail, bool RecordReplay = true);
