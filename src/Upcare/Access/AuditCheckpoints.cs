using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Upcare.Access;

/// <summary>
/// Signed checkpoints of the audit chain's head, appended to a file outside the database
/// (<c>Upcare:Audit:CheckpointDirectory</c>; on append-only or write-once storage in a deployment). Someone who can
/// rewrite the database can delete the newest entries, or all of them, or rewrite the chain; a checkpoint they cannot
/// reach still says how far the trail went and what its head was.
/// </summary>
public sealed class AuditCheckpoints(IOptions<AuditOptions> options)
{
    public const string FileName = "audit-checkpoints.log";
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>The chain key's bytes, or null when none is configured (development only).</summary>
    public byte[]? Key { get; } = options.Value.ChainKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    private string? Path => Key is not null && options.Value.CheckpointDirectory is { Length: > 0 } dir ? System.IO.Path.Combine(dir, FileName) : null;

    public bool Enabled => Path is not null;

    public async Task WriteAsync(long sequence, string hash, DateTime at, CancellationToken ct)
    {
        if (Path is not { } path)
        {
            return;
        }
        var body = string.Join('\t', sequence.ToString(CultureInfo.InvariantCulture), hash, at.ToString("O", CultureInfo.InvariantCulture));
        await _writing.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            // Append only: one short line per write, so lines from several instances do not interleave.
            await using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            await file.WriteAsync(Encoding.UTF8.GetBytes($"{body}\t{Sign(body)}\n"), ct);
            await file.FlushAsync(ct);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Every checkpoint written, each marked valid only when its signature checks.</summary>
    public async Task<IReadOnlyList<AuditCheckpoint>> ReadAsync(CancellationToken ct)
    {
        if (Path is not { } path || !File.Exists(path))
        {
            return [];
        }
        var lines = await File.ReadAllLinesAsync(path, ct);
        return lines.Where(l => l.Length > 0).Select(Parse).ToList();
    }

    private AuditCheckpoint Parse(string line)
    {
        var parts = line.Split('\t');
        var sequence = parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (parts.Length != 4 || !DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return new(sequence, "", DateTime.MinValue, Valid: false);
        }
        var body = string.Join('\t', parts[0], parts[1], parts[2]);
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body)), Encoding.ASCII.GetBytes(parts[3]));
        return new(sequence, parts[1], at.ToUniversalTime(), valid);
    }

    private string Sign(string body) => Convert.ToHexStringLower(HMACSHA256.HashData(Key!, Encoding.UTF8.GetBytes("checkpoint\t" + body)));
}
