using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Upcare.Data;

/// <summary>
/// Writes entities straight into PostgreSQL with binary COPY, column by column as EF Core maps them (names, value
/// conversions, store types), so region-sized synthetic data loads in minutes instead of hours and never drifts from
/// the model. Only for seeding empty tables: no change tracking, no concurrency checks.
/// </summary>
public static class PostgresCopy
{
    public static async Task<ulong> WriteAsync<T>(UpcareDbContext db, IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => (Property: p, Getter: p.GetGetter(), Column: p.GetColumnName(table)!, Mapping: p.GetRelationalTypeMapping())).ToList();
        if (columns.Select(c => c.Property).FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property: COPY cannot read it");
        }
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection)
        {
            throw new InvalidOperationException("Bulk copy needs PostgreSQL (Database:Provider = Postgres).");
        }
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(ct);
        }
        var names = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        // Synchronous writes: the importer buffers, and an await per value would cost more than the copy itself.
        foreach (var row in rows)
        {
            importer.StartRow();
            foreach (var (_, getter, _, mapping) in columns)
            {
                var value = getter.GetClrValue(row);
                if (value is not null && mapping.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }
                if (value is null)
                {
                    importer.WriteNull();
                }
                else
                {
                    importer.Write(value, mapping.StoreTypeNameBase);
                }
            }
        }
        return await importer.CompleteAsync(ct);
    }
}
