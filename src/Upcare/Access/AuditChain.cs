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

/// <summary>The chain's head at one moment (sequence and hash), signed with the chain key and kept outside the database.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTime At, bool Valid);

/// <summary>How audit entries are linked: each entry's hash covers its own fields and the hash of the entry before.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Instants are kept to the millisecond, so the hash is the same after a round trip through either database.</summary>
    public static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>
    /// The entry's link: HMAC-SHA256 under the chain key when one is configured (kept outside the database, so someone
    /// who can write to the database still cannot make a rewritten entry verify), plain SHA-256 otherwise.
    /// </summary>
    public static string HashOf(AuditEntry e, byte[]? key = null)
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
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key, bytes));
    }

    /// <summary>Walks the entries in sequence order and reports the first one that was changed, removed or put out of order.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, CancellationToken ct = default) =>
        await VerifyAsync(entriesInOrder, null, [], ct);

    /// <summary>
    /// Walks the chain, then holds it against the checkpoints: a checkpoint past the end means entries were deleted
    /// from the end (or all of them); one whose entry has another hash means the trail was rewritten from there on.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entriesInOrder, byte[]? key, IReadOnlyList<AuditCheckpoint> checkpoints, CancellationToken ct = default)
    {
        var expectedAt = checkpoints.Where(c => c.Valid).GroupBy(c => c.Sequence).ToDictionary(g => g.Key, g => g.First());
        if (checkpoints.FirstOrDefault(c => !c.Valid) is { } forged)
        {
            return new(0, new(forged.Sequence, $"A checkpoint for entry {forged.Sequence} is not signed with the chain key: it was forged or altered."));
        }
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
            if (HashOf(entry, key) != entry.Hash)
            {
                return new(expected - 1, new(expected, $"Entry {expected} has been changed since it was written."));
            }
            if (expectedAt.TryGetValue(expected, out var checkpoint) && checkpoint.Hash != entry.Hash)
            {
                return new(expected - 1, new(expected, $"Entry {expected} is not the entry the checkpoint of {checkpoint.At:yyyy-MM-dd HH:mm:ss} UTC recorded: the trail was rewritten from here on."));
            }
            previous = entry.Hash;
            expected++;
        }
        var last = expected - 1;
        if (expectedAt.Values.Where(c => c.Sequence > last).MaxBy(c => c.Sequence) is { } beyond)
        {
            return new(last, new(last + 1, $"The trail ends at entry {last}, but the checkpoint of {beyond.At:yyyy-MM-dd HH:mm:ss} UTC recorded entry {beyond.Sequence}: entries were deleted from the end."));
        }
        return new(last, null);
    }
}
