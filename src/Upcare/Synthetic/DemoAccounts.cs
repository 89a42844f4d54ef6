using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Data;
using Upcare.Organisations;

namespace Upcare.Synthetic;

/// <summary>Demo mode's sign-ins: one account for each kind of user, and a few people from the synthetic population.</summary>
public class DemoAccounts(UpcareDbContext db, UserManager<UpcareUser> users, Outcomes.InstrumentCatalogue instruments, TimeProvider clock, ILogger<DemoAccounts> logger)
{
    public const string Domain = "demo.upcare.test";
    public const int PersonAccounts = 3;

    /// <summary>The staff accounts: address, name, role and the code of the organisation they work for.</summary>
    public static readonly (string Email, string Name, UserRole Role, string? OrganisationCode)[] Staff =
    [
        ($"clinician@{Domain}", "Dr Priya Anand", UserRole.Clinician, "A99901"),
        ($"linkworker@{Domain}", "Sam Okafor", UserRole.LinkWorker, "U99901"),
        ($"coach@{Domain}", "Jo Whitfield", UserRole.HealthCoach, "U99901"),
        ($"coordinator@{Domain}", "Aled Morgan", UserRole.CareCoordinator, "U99901"),
        ($"vcse@{Domain}", "Bernie Clarke", UserRole.VcseWorker, "V99901"),
        ($"budgets@{Domain}", "Kiran Shah", UserRole.BudgetOfficer, "QXX"),
        ($"commissioner@{Domain}", "Helen Ridley", UserRole.Commissioner, "QXX"),
        ($"admin@{Domain}", "Upcare Administrator", UserRole.Administrator, null),
    ];

    /// <summary>How many people each caseload-holding demo account starts with.</summary>
    private static readonly Dictionary<UserRole, int> CaseloadSizes = new()
    {
        [UserRole.LinkWorker] = 20,
        [UserRole.HealthCoach] = 10,
        [UserRole.CareCoordinator] = 10,
        [UserRole.BudgetOfficer] = 5,
    };

    public Task<bool> AnyAccountsAsync(CancellationToken ct = default) => db.Users.AnyAsync(ct);

    public async Task SeedAsync(string password, CancellationToken ct = default)
    {
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var practice = organisations["A99901"];
        // Adults registered at the demo clinician's practice, in a stable order: the first few get their own accounts.
        var adultBorn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(-18);
        var people = await db.People.AsNoTracking()
            .Where(p => p.GpPracticeId == practice && p.DateOfBirth <= adultBorn)
            .OrderBy(p => p.NhsNumber)
            .Select(p => new { p.Id, p.GivenName, p.FamilyName })
            .Take(60)
            .ToListAsync(ct);
        if (people.Count < PersonAccounts)
        {
            throw new InvalidOperationException("Demo accounts need the synthetic population: seed people first.");
        }

        var staffIds = new Dictionary<UserRole, Guid>();
        foreach (var (email, name, role, code) in Staff)
        {
            var user = await CreateAsync(email, name, role, code is null ? null : organisations[code], null, password);
            staffIds[role] = user.Id;
        }
        var personUsers = new List<UpcareUser>();
        for (var i = 0; i < PersonAccounts; i++)
        {
            var p = people[i];
            personUsers.Add(await CreateAsync($"person{i + 1}@{Domain}", $"{p.GivenName} {p.FamilyName}", UserRole.Person, null, p.Id, password));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // person2 cares for person1, who has given permission.
        db.CarerPermissions.Add(new CarerPermission
        {
            Id = Guid.NewGuid(),
            PersonId = people[0].Id,
            CarerUserId = personUsers[1].Id,
            Relationship = "Carer",
            GrantedAt = now,
        });
        var offset = 0;
        foreach (var (role, size) in CaseloadSizes)
        {
            // Everyone's caseload includes person1, so each role can be tried on one familiar record.
            var caseload = people.Skip(PersonAccounts + offset).Take(size - 1).Select(p => p.Id).Prepend(people[0].Id);
            offset += size;
            db.CaseloadAssignments.AddRange(caseload.Select(personId => new CaseloadAssignment
            {
                Id = Guid.NewGuid(),
                UserId = staffIds[role],
                PersonId = personId,
                StartedAt = now,
            }));
        }
        SeedOutcomes(people[0].Id, staffIds[UserRole.LinkWorker], now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo mode: {Count} demo accounts created", Staff.Length + PersonAccounts);
    }

    /// <summary>
    /// person1 has a history to look at: ONS4 and SWEMWBS answered with their link worker at the start, six months ago,
    /// and on their own since; and ONS4 due again, every 6 months.
    /// </summary>
    private void SeedOutcomes(Guid personId, Guid linkWorker, DateTime now)
    {
        void Response(string code, DateTime at, Outcomes.CompletionMode mode, params decimal[] values)
        {
            if (instruments.Find(code) is not { } instrument)
            {
                return;
            }
            var answers = instrument.Items.Zip(values, (item, value) => new Outcomes.GivenAnswer(item.Code, value, null)).ToList();
            var scored = Outcomes.Scoring.Score(instrument, answers);
            var id = Guid.NewGuid();
            db.MeasureResponses.Add(new Outcomes.MeasureResponse
            {
                Id = id, PersonId = personId, InstrumentCode = code, InstrumentVersion = instrument.Version, Status = Outcomes.ResponseStatus.Completed,
                Mode = mode, StartedByUserId = mode == Outcomes.CompletionMode.WithPractitioner ? linkWorker : null, StartedAt = at, UpdatedAt = at, CompletedAt = at, Version = 2,
                Answers = answers.Select(a => new Outcomes.MeasureAnswer { Id = Guid.NewGuid(), ResponseId = id, ItemCode = a.ItemCode, Value = a.Value }).ToList(),
                Scores = scored.Scores.Select(x => new Outcomes.MeasureScore { Id = Guid.NewGuid(), ResponseId = id, Code = x.Code, Label = x.Label, Value = x.Value, Band = x.Band }).ToList(),
            });
        }
        var start = now.AddMonths(-6);
        Response("ons4", start, Outcomes.CompletionMode.WithPractitioner, 4, 5, 4, 7);
        Response("swemwbs", start, Outcomes.CompletionMode.WithPractitioner, 2, 3, 2, 2, 3, 2, 3);
        Response("ons4", now.AddDays(-7), Outcomes.CompletionMode.SelfCompleted, 6, 7, 6, 4);
        Response("swemwbs", now.AddDays(-7), Outcomes.CompletionMode.SelfCompleted, 3, 4, 3, 3, 4, 3, 4);
        db.MeasureRequests.Add(new Outcomes.MeasureRequest
        {
            Id = Guid.NewGuid(), PersonId = personId, InstrumentCode = "ons4", RequestedByUserId = linkWorker, RequestedAt = now,
            DueOn = DateOnly.FromDateTime(now).AddDays(14), RepeatEveryMonths = 6, Status = Outcomes.RequestStatus.Due,
        });
    }

    private async Task<UpcareUser> CreateAsync(string email, string name, UserRole role, Guid? organisationId, Guid? personId, string password)
    {
        var user = new UpcareUser
        {
            Id = PopulationGenerator.StableGuid("user:" + email),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            Role = role,
            OrganisationId = organisationId,
            PersonId = personId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo account {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        return user;
    }
}
