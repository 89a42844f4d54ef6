using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Upcare.Data;
using Upcare.Hosting;
using Upcare.Organisations;
using Upcare.ServiceDirectory;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Hosting;

/// <summary>
/// After a restart or failover every pooled connection is dead. A read that meets one is tried again on a fresh
/// connection and answered; a write is not tried again (it may have committed), and answers 503 instead.
/// </summary>
public sealed class ReadRetryTests
{
    // What a restart does to the app's side: the server ends every connection to the app's database.
    private static async Task CutEveryConnectionAsync(string connectionString)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var cut = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        Assert.True((long)(await cut.ExecuteScalarAsync())! > 0, "No connection of the app was open to cut");
    }

    [Fact]
    public async Task A_query_on_a_cut_connection_is_tried_again_but_a_save_and_a_transaction_are_not()
    {
        var connection = await UpcareApp.NewDatabaseAsync(DatabaseProvider.Postgres, "readretry");
        await using var app = new UpcareApp(DatabaseProvider.Postgres, connection);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<UpcareDbContext>();
        var organisations = await db.Organisations.CountAsync();

        // A read: the connection it holds is cut, and it is answered all the same.
        await db.Database.OpenConnectionAsync();
        await CutEveryConnectionAsync(connection);
        Assert.Equal(organisations, await db.Organisations.CountAsync());
        await db.Database.CloseConnectionAsync();

        // A save: cut before it is sent, but the app cannot know that, so it is not run again and nothing is stored.
        await db.Database.OpenConnectionAsync();
        await CutEveryConnectionAsync(connection);
        db.Organisations.Add(new Organisation { Id = Guid.NewGuid(), Code = "X99999", Name = "Cut off", Kind = OrganisationKind.VcseOrganisation });
        var save = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        Assert.True(UnexpectedErrors.IsDatabaseOutage(save), save.ToString());
        db.ChangeTracker.Clear();
        await db.Database.CloseConnectionAsync();
        Assert.Equal(organisations, await app.WithDbAsync(d => d.Organisations.CountAsync()));

        // A read inside a transaction: the transaction died with the connection, so the outage is reported, not hidden.
        await using (await db.Database.BeginTransactionAsync())
        {
            await db.Organisations.CountAsync();
            await CutEveryConnectionAsync(connection);
            var read = await Assert.ThrowsAnyAsync<Exception>(() => db.Organisations.CountAsync());
            Assert.True(UnexpectedErrors.IsDatabaseOutage(read), read.ToString());
        }
    }
}
