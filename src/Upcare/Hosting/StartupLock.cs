using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Upcare.Data;

namespace Upcare.Hosting;

/// <summary>
/// Lets only one instance at a time migrate and seed a database. On PostgreSQL it is a session advisory lock held on
/// the context's own connection for the whole step, so instances started together on an empty database take turns
/// instead of racing to create the same tables; the second finds the work done. SQLite is one process's file.
/// </summary>
public static class StartupLock
{
    /// <summary>The advisory lock key ("migrate" in ASCII).</summary>
    private const long LockKey = 0x6D696772617465;

    /// <summary>Runs <paramref name="work"/> while holding the database's startup lock.</summary>
    public static async Task RunAsync(UpcareDbContext db, Func<Task> work, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }
        await CreateDatabaseIfMissingAsync(db, ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockKey})", ct);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The lock lives in the database, so it must exist first; two instances creating it at once is no error.</summary>
    private static async Task CreateDatabaseIfMissingAsync(UpcareDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago.
        }
    }
}
