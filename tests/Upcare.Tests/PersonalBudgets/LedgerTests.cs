using FsCheck;
using FsCheck.Fluent;
using Upcare.PersonalBudgets;

namespace Upcare.Tests.PersonalBudgets;

/// <summary>The ledger never loses a penny: property-based over any sequence of movements, and at the edges by hand.</summary>
public sealed class LedgerTests
{
    private static readonly Guid[] Streams = [Guid.NewGuid(), Guid.NewGuid()];
    private static readonly Guid[] Items = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    /// <summary>One movement someone might try: many are refused (too much, nothing there, negative, a correction twice).</summary>
    public sealed record Move(int Kind, int Stream, HeldAs Way, int Item, long Pence, int Target);

    private static readonly Gen<Move> AnyMove =
        from kind in Gen.Choose(0, 4)
        from stream in Gen.Choose(0, 1)
        from way in Gen.Elements(HeldAs.Notional, HeldAs.ThirdParty, HeldAs.DirectPayment)
        from item in Gen.Choose(0, 2)
        from pence in Gen.Frequency((1, Gen.Choose(-1000, 0)), (8, Gen.Choose(1, 500_000)))
        from target in Gen.Choose(0, 60)
        select new Move(kind, stream, way, item, pence, target);

    private static void Apply(LedgerBook book, Move m)
    {
        var stream = Streams[m.Stream];
        _ = m.Kind switch
        {
            0 => book.Allocate(stream, m.Pence),
            1 => book.Pay(stream, m.Way, m.Pence),
            2 => book.Spend(stream, Items[m.Item], m.Way, m.Pence),
            3 => book.Reclaim(stream, m.Way, m.Pence),
            _ => book.Correct(book.Entries.Count == 0 ? Guid.NewGuid() : book.Entries[m.Target % book.Entries.Count].Id),
        };
    }

    [Fact]
    public void For_any_sequence_of_movements_the_ledger_balances_to_zero_and_no_balance_changes_without_an_entry()
    {
        var property = Prop.ForAll(AnyMove.ListOf().ToArbitrary(), moves =>
        {
            var book = new LedgerBook([]);
            foreach (var move in moves)
            {
                var before = new Dictionary<string, long>(book.Balances);
                var entries = book.Entries.Count;
                try
                {
                    Apply(book, move);
                    // Allowed: exactly one entry, debit and credit the same whole positive amount.
                    Assert.Equal(entries + 1, book.Entries.Count);
                    var entry = book.Entries[^1];
                    Assert.True(entry.AmountPence > 0);
                    Assert.NotEqual(entry.Debit, entry.Credit);
                }
                catch (LedgerRefusedException)
                {
                    // Refused: nothing written, nothing moved.
                    Assert.Equal(entries, book.Entries.Count);
                    Assert.Equal(before.Where(b => b.Value != 0).OrderBy(b => b.Key), book.Balances.Where(b => b.Value != 0).OrderBy(b => b.Key));
                }
                Assert.Equal(0, book.Balances.Values.Sum());
                Assert.All(book.Balances.Where(b => !LedgerAccounts.IsFunder(b.Key)), b => Assert.True(b.Value >= 0, $"{b.Key} is {b.Value}"));
                // Every balance is exactly what the entries say.
                var replayed = new LedgerBook(book.Entries);
                Assert.Equal(book.Balances.OrderBy(b => b.Key), replayed.Balances.OrderBy(b => b.Key));
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    /// <summary>What the service reads instead of every entry: one total per kind and pair of accounts.</summary>
    private static IEnumerable<LedgerFlow> Flows(IEnumerable<LedgerEntry> entries) =>
        entries.GroupBy(e => (e.Kind, e.Debit, e.Credit)).Select(g => new LedgerFlow(g.Key.Kind, g.Key.Debit, g.Key.Credit, g.Sum(e => e.AmountPence)));

    [Fact]
    public void A_book_read_from_totals_decides_every_movement_as_the_book_of_every_entry_does()
    {
        var property = Prop.ForAll(AnyMove.ListOf().ToArbitrary(), moves =>
        {
            var full = new LedgerBook([]);
            foreach (var move in moves)
            {
                // The totals book knows only the entry a correction names, and that entry's corrections so far.
                var target = full.Entries.Count == 0 ? (Guid?)null : full.Entries[move.Target % full.Entries.Count].Id;
                var totals = LedgerBook.FromFlows(Flows(full.Entries), full.Entries.Where(e => e.Id == target || (target is not null && e.CorrectsEntryId == target)));
                foreach (var way in new[] { HeldAs.DirectPayment, HeldAs.ThirdParty })
                {
                    // Paid out that way, less the payments corrected since, counted entry by entry.
                    var payments = full.Entries.Where(e => e.Kind == EntryKind.Payment && LedgerAccounts.IsHeld(e.Debit, way)).ToList();
                    var expected = payments.Sum(e => e.AmountPence) - full.Entries.Where(e => e.Kind == EntryKind.Correction && payments.Any(p => p.Id == e.CorrectsEntryId)).Sum(e => e.AmountPence);
                    Assert.Equal(expected, totals.NetPaid(way));
                    Assert.Equal(expected, full.NetPaid(way));
                }
                Assert.Equal(full.Balances.Where(b => b.Value != 0).OrderBy(b => b.Key), totals.Balances.Where(b => b.Value != 0).OrderBy(b => b.Key));
                string Outcome(LedgerBook book)
                {
                    try
                    {
                        Apply(book, move);
                        var made = book.Entries[^1];
                        return $"{made.Kind} {made.Debit} {made.Credit} {made.AmountPence} {made.CorrectsEntryId}";
                    }
                    catch (LedgerRefusedException e)
                    {
                        return e.Message;
                    }
                }
                if (move.Kind == 4)
                {
                    // A correction names its target by id; both books are asked about the same entry.
                    var id = target ?? Guid.NewGuid();
                    string Correct(LedgerBook book)
                    {
                        try
                        {
                            var made = book.Correct(id);
                            return $"{made.Debit} {made.Credit} {made.AmountPence}";
                        }
                        catch (LedgerRefusedException e)
                        {
                            return e.Message;
                        }
                    }
                    Assert.Equal(Correct(full), Correct(totals));
                }
                else
                {
                    Assert.Equal(Outcome(full), Outcome(totals));
                }
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void A_budget_cannot_pay_or_spend_more_than_it_holds_and_a_correction_is_a_new_entry()
    {
        var s = Streams[0];
        var book = new LedgerBook([]);
        book.Allocate(s, 100_00);
        var pay = book.Pay(s, HeldAs.DirectPayment, 60_00);
        Assert.Equal("There is not enough money for this: £40.00 is left in the budget", Assert.Throws<LedgerRefusedException>(() => book.Pay(s, HeldAs.DirectPayment, 40_01)).Message);
        book.Spend(s, Items[0], HeldAs.DirectPayment, 25_00);
        Assert.Equal("There is not enough money for this: £35.00 is left in the direct payment account",
            Assert.Throws<LedgerRefusedException>(() => book.Spend(s, Items[0], HeldAs.DirectPayment, 35_01)).Message);
        Assert.Throws<LedgerRefusedException>(() => book.Pay(s, HeldAs.Notional, 1));
        Assert.Throws<LedgerRefusedException>(() => book.Spend(s, Items[0], HeldAs.DirectPayment, 0));

        // Correcting the payment would take back money already spent from the account: refused.
        Assert.Throws<LedgerRefusedException>(() => book.Correct(pay.Id));
        var spend = book.Entries[^1];
        var reversal = book.Correct(spend.Id);
        Assert.Equal((spend.Credit, spend.Debit, spend.Id), (reversal.Debit, reversal.Credit, reversal.CorrectsEntryId!.Value));
        Assert.Equal("This entry has already been corrected", Assert.Throws<LedgerRefusedException>(() => book.Correct(spend.Id)).Message);
        Assert.Equal(60_00, book.Balance(LedgerAccounts.Held(s, HeldAs.DirectPayment)));
        book.Reclaim(s, HeldAs.DirectPayment, 60_00);
        Assert.Equal(-40_00, book.Balance(LedgerAccounts.Funder(s)));
        Assert.Equal(5, book.Entries.Count);
    }

    [Theory]
    [InlineData("125.50", 12550)]
    [InlineData("£1,250.5", 125050)]
    [InlineData("40", 4000)]
    [InlineData("0.01", 1)]
    [InlineData("1,234", 123400)]
    [InlineData("£12,345.67", 1234567)]
    [InlineData(" 1,000,000 ", 100000000)]
    public void Amounts_in_pounds_become_whole_pence(string typed, long pence)
    {
        Assert.True(Money.TryParsePence(typed, out var parsed, out _));
        Assert.Equal(pence, parsed);
    }

    [Theory]
    [InlineData("12.345", "The amount cannot include a fraction of a penny")]
    [InlineData("-5", "The amount cannot be negative")]
    [InlineData("ten pounds", "Enter an amount in pounds and pence, like 125.50")]
    [InlineData("", "Enter an amount in pounds and pence")]
    [InlineData("12,34", "Enter the amount with commas only between thousands, like 1,250.50, or with no commas")]
    [InlineData("1,2,3", "Enter the amount with commas only between thousands, like 1,250.50, or with no commas")]
    [InlineData("1234,567", "Enter the amount with commas only between thousands, like 1,250.50, or with no commas")]
    [InlineData("1.234,56", "Enter an amount in pounds and pence, like 125.50")]
    [InlineData("12.5e3", "Enter an amount in pounds and pence, like 125.50")]
    [InlineData("99999999999999999999999999", "The amount must be £10,000,000 or less")]
    public void Fractions_of_a_penny_negative_and_non_numbers_are_refused(string typed, string message)
    {
        Assert.False(Money.TryParsePence(typed, out _, out var error));
        Assert.Equal(message, error);
    }
}
