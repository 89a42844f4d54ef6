using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Upcare.Access;

/// <summary>The first entry that does not fit the chain, and why.</summary>
public sealed record AuditBreak(long Sequence, string Problem);

/// <summary>What checking the whole audit trail found.</summary>
public sealed record AuditVerification(long EntriesChecked, AuditBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>How audit entries are linked: each entry's hash covers its own fields and the hash of the entry before.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Instants are kept to the millisecond, so the hash is the same after a round trip through either database.</summary>
    public static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string HashOf(AuditEntry e)
    {
        // Fields joined by the ASCII unit separator, which none of them can contain unnoticed.
        var text = string.Join('\u001f',
            (e.Sequence ?? 0).ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            e.UserId?.ToString() ?? "",
            e.UserName,
            e.Role,
            e.PersonId?.ToString() ?? "",
            e.Action,
            e.Route,
            e.Outcome.ToString(),
            e.Detail ?? "",
            e.BreakGlass ? "1" : "0",
            e.PreviousHash ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Walks the entries in sequence order and reports the first one that was changed, removed or put out of order.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, CancellationToken ct = default)
    {
        long expected = 1;
        var previous = Genesis;
        await foreach (var entry in entriesInOrder.WithCancellation(ct))
        {
            if (entry.Sequence != expected)
            {
                return new(expected - 1, new(expected, entry.Sequence is null
                    ? $"Entry {expected} is missing: the trail ends at entry {expected - 1}."
                    : entry.Sequence > expected
                    ? $"Entry {expected} is missing: the trail jumps from entry {expected - 1} to entry {entry.Sequence}. It was deleted."
                    : $"Entry {entry.Sequence} appears out of order."));
            }
            if (entry.PreviousHash != previous)
            {
                return new(expected - 1, new(expected, $"Entry {expected} does not follow entry {expected - 1}: its link to the entry before was changed, or that entry was."));
            }
            if (HashOf(entry) != entry.Hash)
            {
                return new(expected - 1, new(expected, $"Entry {expected} has been changed since it was written."));
            }
            previous = entry.Hash;
            expected++;
        }
        return new(expected - 1, null);
    }
}
