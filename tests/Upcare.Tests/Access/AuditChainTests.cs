using Upcare.Access;

namespace Upcare.Tests.Access;

/// <summary>The hash chain on its own, without a database.</summary>
public class AuditChainTests
{
    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= length; i++)
        {
            var e = new AuditEntry
            {
                Sequence = i, At = new DateTime(2026, 11, 22, 10, 0, i, 123, DateTimeKind.Utc), UserId = Guid.Empty, UserName = "Dr A", Role = "Clinician",
                PersonId = Guid.Empty, Action = "read", Route = "GET /people/{id:guid}", Outcome = AuditOutcome.Allowed, Detail = "Registered at the clinician's practice",
                PreviousHash = previous,
            };
            e.Hash = AuditChain.HashOf(e);
            previous = e.Hash;
            entries.Add(e);
        }
        return entries;
    }

    private static Task<AuditVerification> Verify(IEnumerable<AuditEntry> entries) => AuditChain.VerifyAsync(entries.ToAsyncEnumerable());

    [Fact]
    public async Task A_whole_chain_verifies()
    {
        var result = await Verify(Chain(5));
        Assert.True(result.Intact);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public void Every_field_is_covered_by_the_hash()
    {
        var e = Chain(1)[0];
        var original = AuditChain.HashOf(e);
        Assert.Equal(64, original.Length);
        e.BreakGlass = true;
        Assert.NotEqual(original, AuditChain.HashOf(e));
        e.BreakGlass = false;
        e.Outcome = AuditOutcome.Refused;
        Assert.NotEqual(original, AuditChain.HashOf(e));
        e.Outcome = AuditOutcome.Allowed;
        e.At = e.At.AddMilliseconds(1);
        Assert.NotEqual(original, AuditChain.HashOf(e));
    }

    [Fact]
    public async Task Swapping_two_entries_is_caught()
    {
        var chain = Chain(4);
        (chain[1].Sequence, chain[2].Sequence) = (chain[2].Sequence, chain[1].Sequence);
        var result = await Verify(chain.OrderBy(e => e.Sequence));
        Assert.Equal(2, result.FirstBreak!.Sequence);
    }

    [Fact]
    public async Task Removing_the_first_entry_is_caught()
    {
        var result = await Verify(Chain(3).Skip(1));
        Assert.Equal(1, result.FirstBreak!.Sequence);
        Assert.Contains("missing", result.FirstBreak.Problem);
    }
}
