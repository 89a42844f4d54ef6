using System.Text.RegularExpressions;
using System.Globalization;

namespace Upcare.PersonalBudgets;

/// <summary>Thrown when a movement would break a ledger rule; the ledger is left as it was.</summary>
public sealed class LedgerRefusedException(string reason) : Exception(reason);

/// <summary>
/// The accounts of a budget's ledger, per funding stream: the funder's (money allocated out of it), what is available
/// (allocated, not yet paid out or spent), what is held by the person or a third party (paid out, not yet spent), and
/// what is spent on each plan item. Only the funder's account can go below zero.
/// </summary>
public static class LedgerAccounts
{
    public static string Funder(Guid stream) => $"funder:{stream}";
    public static string Available(Guid stream) => $"available:{stream}";
    public static string Held(Guid stream, HeldAs way) => $"held:{stream}:{way}";
    public static string Spent(Guid stream, Guid item) => $"spent:{stream}:{item}";

    public static bool IsFunder(string account) => account.StartsWith("funder:", StringComparison.Ordinal);
    public static bool IsSpent(string account) => account.StartsWith("spent:", StringComparison.Ordinal);
    public static bool IsHeld(string account, HeldAs way) => account.StartsWith("held:", StringComparison.Ordinal) && account.EndsWith(":" + way, StringComparison.Ordinal);

    /// <summary>Where money of a way of holding sits before it is spent: notional money stays available to the budget holder.</summary>
    public static string Source(Guid stream, HeldAs way) => way == HeldAs.Notional ? Available(stream) : Held(stream, way);
}

/// <summary>The total of one kind of movement from one account to another: what a book is read from without loading every entry.</summary>
public sealed record LedgerFlow(EntryKind Kind, string Debit, string Credit, long Pence);

/// <summary>
/// A budget's ledger in memory: the entries so far and the balances they give. Each movement is checked against the
/// balances and, if allowed, becomes one double-entry (debit one account, credit another, the same whole number of
/// pence). Balances are only ever derived from entries, so they always sum to zero.
/// </summary>
public sealed class LedgerBook
{
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<(EntryKind Kind, string Debit, string Credit), long> _flows = [];
    private readonly List<LedgerEntry> _entries = [];

    public LedgerBook(IEnumerable<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            Apply(entry);
        }
    }

    private LedgerBook()
    {
    }

    /// <summary>
    /// A book read from the ledger's totals instead of every entry, so a movement costs the same however long the ledger
    /// is. <paramref name="referable"/> are the only entries a correction may name (with any corrections of them already
    /// made); they are known, not counted again.
    /// </summary>
    public static LedgerBook FromFlows(IEnumerable<LedgerFlow> flows, IEnumerable<LedgerEntry> referable)
    {
        var book = new LedgerBook();
        foreach (var flow in flows)
        {
            book.Count(flow.Kind, flow.Debit, flow.Credit, flow.Pence);
        }
        book._entries.AddRange(referable);
        return book;
    }

    /// <summary>The entries this book was made from (from <see cref="FromFlows"/>: only those it may refer to) and any made since.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;
    public IReadOnlyDictionary<string, long> Balances => _balances;

    public long Balance(string account) => _balances.GetValueOrDefault(account);

    /// <summary>
    /// Paid out to be held <paramref name="way"/>, less payments corrected since: only the reversal of a payment takes
    /// money back out of a held account into what is available, so corrections crediting a held account are exactly those.
    /// </summary>
    public long NetPaid(HeldAs way) =>
        _flows.Where(f => f.Key.Kind == EntryKind.Payment && LedgerAccounts.IsHeld(f.Key.Debit, way)).Sum(f => f.Value)
        - _flows.Where(f => f.Key.Kind == EntryKind.Correction && LedgerAccounts.IsHeld(f.Key.Credit, way)
            && f.Key.Debit.StartsWith("available:", StringComparison.Ordinal)).Sum(f => f.Value);

    /// <summary>Money the funder puts into the budget for a stream.</summary>
    public LedgerEntry Allocate(Guid stream, long pence) =>
        Post(EntryKind.Allocation, stream, LedgerAccounts.Available(stream), LedgerAccounts.Funder(stream), pence, null);

    /// <summary>Money paid out of what is available to the person's direct payment account or to the third party.</summary>
    public LedgerEntry Pay(Guid stream, HeldAs to, long pence)
    {
        if (to == HeldAs.Notional)
        {
            throw new LedgerRefusedException("A notional budget is not paid out: spending is recorded against it directly");
        }
        return Post(EntryKind.Payment, stream, LedgerAccounts.Held(stream, to), LedgerAccounts.Available(stream), pence, null);
    }

    /// <summary>Money spent on a plan item, from where that way of holding keeps it.</summary>
    public LedgerEntry Spend(Guid stream, Guid item, HeldAs from, long pence) =>
        Post(EntryKind.Spend, stream, LedgerAccounts.Spent(stream, item), LedgerAccounts.Source(stream, from), pence, item);

    /// <summary>Unused money taken back to the funder.</summary>
    public LedgerEntry Reclaim(Guid stream, HeldAs from, long pence) =>
        Post(EntryKind.Reclaim, stream, LedgerAccounts.Funder(stream), LedgerAccounts.Source(stream, from), pence, null);

    /// <summary>Reverses an earlier entry with a new one (entries are never edited). An entry is corrected once at most.</summary>
    public LedgerEntry Correct(Guid entryId)
    {
        var original = _entries.FirstOrDefault(e => e.Id == entryId) ?? throw new LedgerRefusedException("There is no such entry in this budget's ledger");
        if (original.Kind == EntryKind.Correction)
        {
            throw new LedgerRefusedException("A correction cannot itself be corrected: record the right movement instead");
        }
        if (_entries.Any(e => e.CorrectsEntryId == entryId))
        {
            throw new LedgerRefusedException("This entry has already been corrected");
        }
        var reversal = Post(EntryKind.Correction, original.StreamId, original.Credit, original.Debit, original.AmountPence, original.ItemId);
        reversal.CorrectsEntryId = entryId;
        return reversal;
    }

    private LedgerEntry Post(EntryKind kind, Guid stream, string debit, string credit, long pence, Guid? item)
    {
        if (pence <= 0)
        {
            throw new LedgerRefusedException("The amount must be more than £0.00");
        }
        if (!LedgerAccounts.IsFunder(credit) && Balance(credit) < pence)
        {
            throw new LedgerRefusedException($"There is not enough money for this: {Money.Format(Balance(credit))} is left {Describe(credit)}");
        }
        var entry = new LedgerEntry { Id = Guid.NewGuid(), StreamId = stream, Kind = kind, Debit = debit, Credit = credit, AmountPence = pence, ItemId = item };
        Apply(entry);
        return entry;
    }

    private void Apply(LedgerEntry entry)
    {
        Count(entry.Kind, entry.Debit, entry.Credit, entry.AmountPence);
        _entries.Add(entry);
    }

    private void Count(EntryKind kind, string debit, string credit, long pence)
    {
        _balances[debit] = Balance(debit) + pence;
        _balances[credit] = Balance(credit) - pence;
        _flows[(kind, debit, credit)] = _flows.GetValueOrDefault((kind, debit, credit)) + pence;
    }

    private static string Describe(string account) => account switch
    {
        _ when account.StartsWith("available:", StringComparison.Ordinal) => "in the budget",
        _ when LedgerAccounts.IsHeld(account, HeldAs.DirectPayment) => "in the direct payment account",
        _ when LedgerAccounts.IsHeld(account, HeldAs.ThirdParty) => "with the third party",
        _ when LedgerAccounts.IsSpent(account) => "spent on this item",
        _ => "in that account",
    };
}

/// <summary>Amounts of money: whole pence inside, pounds and pence in words.</summary>
public static partial class Money
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string Format(long pence) => (pence / 100m).ToString("C", EnGb);

    /// <summary>
    /// Reads an amount typed in pounds ("£1,250.50", "1250.5", "40"). A comma is read only as a thousands separator in
    /// its proper places ("1,250", never "12,34" or "1,2,3"), so no amount is ever guessed. Refuses negative amounts, more
    /// than two decimal places (a fraction of a penny), and anything that is not a number.
    /// </summary>
    public static bool TryParsePence(string? text, out long pence, out string? error)
    {
        pence = 0;
        error = null;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter an amount in pounds and pence";
            return false;
        }
        var match = Amount().Match(trimmed);
        if (!match.Success)
        {
            error = trimmed.Contains(',') && Loose().IsMatch(trimmed)
                ? "Enter the amount with commas only between thousands, like 1,250.50, or with no commas"
                : "Enter an amount in pounds and pence, like 125.50";
            return false;
        }
        var digits = match.Groups["pounds"].Value.Replace(",", "") + (match.Groups["pence"].Success ? "." + match.Groups["pence"].Value : "");
        if (digits.Length > 20 || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pounds))
        {
            error = "The amount must be £10,000,000 or less";
            return false;
        }
        if (match.Groups["minus"].Success && pounds != 0)
        {
            pounds = -pounds;
        }
        if (pounds < 0)
        {
            error = "The amount cannot be negative";
            return false;
        }
        if (decimal.Round(pounds, 2) != pounds)
        {
            error = "The amount cannot include a fraction of a penny";
            return false;
        }
        if (pounds > 10_000_000m)
        {
            error = "The amount must be £10,000,000 or less";
            return false;
        }
        pence = (long)(pounds * 100);
        return true;
    }

    // Digits with an optional thousands separator in the right places and an optional decimal part; a sign and £ may lead.
    [GeneratedRegex(@"^(?<minus>-)?\s*£?\s*(?<pounds>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?<pence>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    // Looks like a number with commas somewhere: told how to write the commas rather than that it is not a number.
    [GeneratedRegex(@"^-?\s*£?\s*[0-9][0-9,]*(?:\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Loose();
}
