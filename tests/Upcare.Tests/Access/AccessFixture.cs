using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>An app on a fresh database with a small synthetic population, and one account of each kind.</summary>
public abstract class AccessFixture(DatabaseProvider provider, IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;

    /// <summary>Someone registered at practice A99901 (the clinician's), with no caseload and no account.</summary>
    public Guid Person { get; private set; }

    /// <summary>Someone registered at another practice.</summary>
    public Guid PersonElsewhere { get; private set; }

    public Guid PracticeId { get; private set; }
    public Guid OtherPracticeId { get; private set; }

    /// <summary>One account per role, by role: a clinician at A99901, staff with empty caseloads, a person with their own record.</summary>
    public Dictionary<UserRole, string> Users { get; } = [];

    /// <summary>The person whose record the <see cref="UserRole.Person"/> account opens.</summary>
    public Guid OwnRecord { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "access"), settings);
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(120, 3);
        }
        var practices = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "A99901" || o.Code == "A99902").OrderBy(o => o.Code).Select(o => o.Id).ToListAsync());
        (PracticeId, OtherPracticeId) = (practices[0], practices[1]);
        var atPractice = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == PracticeId).OrderBy(p => p.NhsNumber).Select(p => p.Id).Take(2).ToListAsync());
        (Person, OwnRecord) = (atPractice[0], atPractice[1]);
        PersonElsewhere = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == OtherPracticeId).OrderBy(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        var vcse = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync());
        foreach (var role in Enum.GetValues<UserRole>())
        {
            Users[role] = await App.CreateUserAsync(role,
                organisationId: role switch { UserRole.Clinician => PracticeId, UserRole.VcseWorker => vcse, _ => null },
                personId: role == UserRole.Person ? OwnRecord : null);
        }
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Audit entries about this route and user, newest first.</summary>
    public Task<List<AuditEntry>> AuditAsync(Func<IQueryable<AuditEntry>, IQueryable<AuditEntry>> filter) =>
        App.WithDbAsync(db => filter(db.AuditEntries.AsNoTracking()).OrderByDescending(e => e.Id).ToListAsync());
}

/// <summary>On a fresh SQLite file.</summary>
public sealed class SqliteAccessFixture() : AccessFixture(DatabaseProvider.Sqlite);

/// <summary>On a fresh database of the test run's PostgreSQL server.</summary>
public sealed class PostgresAccessFixture() : AccessFixture(DatabaseProvider.Postgres);
