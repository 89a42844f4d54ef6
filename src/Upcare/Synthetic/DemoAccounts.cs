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
        ($"splead@{Domain}", "Femi Adeyemi", UserRole.LinkWorkerManager, "U99901"),
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
        Guid? budgetHolder = null;
        foreach (var (role, size) in CaseloadSizes)
        {
            if (role == UserRole.BudgetOfficer && PersonAccounts + offset < people.Count)
            {
                budgetHolder = people[PersonAccounts + offset].Id;
            }
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
        await SeedSocialPrescribingAsync(people.Select(p => (p.Id, $"{p.GivenName} {p.FamilyName}")).ToList(), staffIds, organisations, now, ct);
        if (!await db.DecisionAids.AnyAsync(ct))
        {
            db.DecisionAids.AddRange(SharedDecisions.DemoDecisionAids.Create(now));
        }
        SeedCarePlan(people[0].Id, $"{people[0].GivenName} {people[0].FamilyName}", staffIds[UserRole.Clinician], now);
        SeedChoiceAndPeerSupport(staffIds[UserRole.HealthCoach], now);
        DemoSupportNetwork.Seed(db, people[0].Id, staffIds[UserRole.LinkWorker], "Sam Okafor", now);
        if (budgetHolder is { } holder)
        {
            SeedBudget(holder, staffIds[UserRole.BudgetOfficer], now);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Demo mode: {Count} demo accounts created", Staff.Length + PersonAccounts);
    }

    /// <summary>
    /// The demo link worker's social prescribing has something in each column: two new referrals to take on, one
    /// waiting (overdue) for a first contact, two active with referrals to the demo VCSE organisation (one waiting for
    /// an answer, one accepted), and one discharged with its summary. person1 to person3 are left for trying it out.
    /// </summary>
    private async Task SeedSocialPrescribingAsync(List<(Guid Id, string Name)> people, Dictionary<UserRole, Guid> staff, Dictionary<string, Guid> organisations, DateTime now, CancellationToken ct)
    {
        var services = await db.CommunityServices.AsNoTracking()
            .Where(s => s.OrganisationId == organisations["V99901"] && s.Status == ServiceDirectory.ServiceStatus.Active && s.Availability == ServiceDirectory.ServiceAvailability.TakingReferrals)
            .OrderBy(s => s.Name).Take(2).Select(s => new { s.Id, s.Name, s.OrganisationId }).ToListAsync(ct);
        var clinician = Staff.Single(s => s.Role == UserRole.Clinician);
        var linkWorker = Staff.Single(s => s.Role == UserRole.LinkWorker);
        var vcse = Staff.Single(s => s.Role == UserRole.VcseWorker);
        var needs = new Dictionary<string, string> { ["loneliness"] = "Loneliness and social isolation", ["debt-advice"] = "Debt advice", ["physical-activity"] = "Physical activity", ["housing"] = "Housing" };
        SocialPrescribing.SocialPrescribingReferral Referral(int index, int daysAgo, SocialPrescribing.SocialPrescribingStatus status, string reason, string needCode)
        {
            var received = now.AddDays(-daysAgo);
            var need = (needCode, needs[needCode]);
            var referral = new SocialPrescribing.SocialPrescribingReferral
            {
                Id = Guid.NewGuid(), PersonId = people[index].Id, PcnId = organisations["U99901"], Source = SocialPrescribing.ReferralSource.Clinician,
                ReferredByUserId = staff[UserRole.Clinician], ReferredByName = clinician.Name, ReferrerOrganisationId = organisations["A99901"],
                Reason = reason, ConsentToContact = true, ReceivedAt = received, Status = status, Version = 1,
                FirstContactDue = DateOnly.FromDateTime(received).AddDays(7),
                Needs = [new SocialPrescribing.ReferralNeed { Code = need.Item1, Name = need.Item2 }],
            };
            if (status != SocialPrescribing.SocialPrescribingStatus.New)
            {
                (referral.LinkWorkerUserId, referral.LinkWorkerName, referral.TakenOnAt) = (staff[UserRole.LinkWorker], linkWorker.Name, received.AddDays(1));
            }
            if (status is SocialPrescribing.SocialPrescribingStatus.Active or SocialPrescribing.SocialPrescribingStatus.Discharged)
            {
                referral.FirstContactAt = received.AddDays(2);
                referral.WhatMatters = "Getting out of the house and having someone to talk to";
                referral.Contacts.Add(new SocialPrescribing.LinkWorkerContact
                {
                    Id = Guid.NewGuid(), At = received.AddDays(2), Mode = SocialPrescribing.ContactMode.FaceToFace, Minutes = 45,
                    ByUserId = staff[UserRole.LinkWorker], ByName = linkWorker.Name, Note = "First conversation at the surgery",
                });
            }
            db.SocialPrescribingReferrals.Add(referral);
            return referral;
        }
        void Onward(SocialPrescribing.SocialPrescribingReferral referral, int service, SocialPrescribing.CommunityReferralStatus status)
        {
            if (services.Count <= service)
            {
                return;
            }
            var sent = referral.ReceivedAt.AddDays(5);
            var community = new SocialPrescribing.CommunityReferral
            {
                Id = Guid.NewGuid(), SocialPrescribingReferralId = referral.Id, PersonId = referral.PersonId, ServiceId = services[service].Id, ServiceName = services[service].Name,
                OrganisationId = services[service].OrganisationId, SentByUserId = staff[UserRole.LinkWorker], SentByName = linkWorker.Name, SentAt = sent, ConsentToShare = true,
                SharedName = people.First(p => p.Id == referral.PersonId).Name, SharedNote = "Would like someone to meet them at the door the first time",
                Status = SocialPrescribing.CommunityReferralStatus.Requested, StatusAt = sent, RespondBy = DateOnly.FromDateTime(sent).AddDays(14), SendKey = Guid.NewGuid(), Version = 1,
            };
            community.Events.Add(new SocialPrescribing.ReferralEvent
            {
                Id = Guid.NewGuid(), At = sent, Party = SocialPrescribing.ReferralParty.Requester, ByUserId = staff[UserRole.LinkWorker], ByName = linkWorker.Name,
                To = SocialPrescribing.CommunityReferralStatus.Requested, Kind = SocialPrescribing.ReferralEventKind.StatusChange,
            });
            if (status != SocialPrescribing.CommunityReferralStatus.Requested)
            {
                community.Events.Add(new SocialPrescribing.ReferralEvent
                {
                    Id = Guid.NewGuid(), At = sent.AddDays(2), Party = SocialPrescribing.ReferralParty.Responder, ByUserId = staff[UserRole.VcseWorker], ByName = vcse.Name,
                    From = SocialPrescribing.CommunityReferralStatus.Requested, To = status, Kind = SocialPrescribing.ReferralEventKind.StatusChange,
                });
                (community.Status, community.StatusAt, community.Version) = (status, sent.AddDays(2), 2);
            }
            db.CommunityReferrals.Add(community);
        }
        if (people.Count < 10)
        {
            return;
        }
        Referral(people.Count - 1, 1, SocialPrescribing.SocialPrescribingStatus.New, "Recently bereaved and not going out", "loneliness");
        Referral(people.Count - 2, 2, SocialPrescribing.SocialPrescribingStatus.New, "Rent arrears and worried about eviction", "housing");
        Referral(3, 12, SocialPrescribing.SocialPrescribingStatus.WaitingForFirstContact, "Low mood since retiring; would like to be more active", "physical-activity");
        Onward(Referral(4, 8, SocialPrescribing.SocialPrescribingStatus.Active, "Isolated after a stroke; keen to get out again", "loneliness"), 0, SocialPrescribing.CommunityReferralStatus.Requested);
        Onward(Referral(5, 45, SocialPrescribing.SocialPrescribingStatus.Active, "Struggling with bills and lonely", "debt-advice"), 1, SocialPrescribing.CommunityReferralStatus.Accepted);
        var done = Referral(6, 120, SocialPrescribing.SocialPrescribingStatus.Discharged, "Lonely and inactive", "physical-activity");
        Onward(done, 0, SocialPrescribing.CommunityReferralStatus.Accepted);
        (done.DischargedAt, done.DischargeReason, done.Version) = (now.AddDays(-10), SocialPrescribing.DischargeReason.GoalsMet, 3);
        db.GpSummaries.Add(new SocialPrescribing.GpSummary
        {
            Id = Guid.NewGuid(), ReferralId = done.Id, PersonId = done.PersonId, PracticeId = organisations["A99901"], ReferrerUserId = staff[UserRole.Clinician], CreatedAt = done.DischargedAt.Value,
            Text = $"Social prescribing summary for {people[6].Name}\nLink worker: {linkWorker.Name}. Discharged: goals met.\nWhat matters: {done.WhatMatters}\nContacts: 1, 45 minutes in all.",
        });
    }

    /// <summary>
    /// One of the budget officer's people holds an integrated budget (NHS and social care) started four months ago: an
    /// approved plan, two direct payments, some spending, and a first review now overdue. person1 is left without one,
    /// to set up from the start.
    /// </summary>
    private void SeedBudget(Guid personId, Guid officer, DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        var starts = today.AddMonths(-4);
        var budget = new PersonalBudgets.PersonalBudget
        {
            Id = Guid.NewGuid(), PersonId = personId, Right = PersonalBudgets.BudgetRight.ContinuingHealthcare, StartsOn = starts, EndsOn = starts.AddYears(1).AddDays(-1),
            Status = PersonalBudgets.BudgetStatus.Active, CreatedAt = now.AddMonths(-4), CreatedByName = "Budget officer (demo)",
            NotionalPence = 2_000_00, DirectPaymentPence = 10_000_00, AccountName = "PHB account (demo)", SortCode = "30-94-57", AccountNumber = "00000000",
            PlanApprovedAt = now.AddMonths(-4), PlanApprovedBy = "Budget officer (demo)", PlanAgreedByPersonAt = now.AddMonths(-4), Version = 1,
        };
        var nhs = new PersonalBudgets.FundingStream { Id = Guid.NewGuid(), BudgetId = budget.Id, Funder = PersonalBudgets.Funder.Nhs, FunderName = "North East and North Cumbria ICB", AllocationPence = 8_000_00, StartsOn = starts, EndsOn = budget.EndsOn };
        var council = new PersonalBudgets.FundingStream { Id = Guid.NewGuid(), BudgetId = budget.Id, Funder = PersonalBudgets.Funder.SocialCare, FunderName = "Newcastle City Council", AllocationPence = 4_000_00, StartsOn = starts, EndsOn = budget.EndsOn };
        budget.Streams = [nhs, council];
        var assistant = new PersonalBudgets.BudgetPlanItem { Id = Guid.NewGuid(), BudgetId = budget.Id, StreamId = nhs.Id, Position = 0, Outcome = "Get out to the shops on my own", What = "Personal assistant", Category = "Personal care and support", FromWhom = "Helping Hands", HowOften = "every week", UnitCostPence = 120_00, Quantity = 50 };
        var swimming = new PersonalBudgets.BudgetPlanItem { Id = Guid.NewGuid(), BudgetId = budget.Id, StreamId = council.Id, Position = 1, Outcome = "Less pain in my hips", What = "Hydrotherapy sessions", Category = "Therapy", FromWhom = "City pool", HowOften = "every fortnight", UnitCostPence = 30_00, Quantity = 26 };
        budget.Items = [assistant, swimming];
        db.PersonalBudgets.Add(budget);
        var book = new PersonalBudgets.LedgerBook([]);
        var moves = new List<(PersonalBudgets.LedgerEntry Entry, DateOnly On, string What)>
        {
            (book.Allocate(nhs.Id, nhs.AllocationPence), starts, "North East and North Cumbria ICB: budget for the year"),
            (book.Allocate(council.Id, council.AllocationPence), starts, "Newcastle City Council: budget for the year"),
            (book.Pay(nhs.Id, PersonalBudgets.HeldAs.DirectPayment, 1_500_00), starts, "Direct payment into account ****0000"),
            (book.Pay(nhs.Id, PersonalBudgets.HeldAs.DirectPayment, 1_500_00), starts.AddDays(28), "Direct payment into account ****0000"),
            (book.Spend(nhs.Id, assistant.Id, PersonalBudgets.HeldAs.DirectPayment, 1_920_00), starts.AddDays(56), "Personal assistant: 16 weeks"),
            (book.Spend(council.Id, swimming.Id, PersonalBudgets.HeldAs.Notional, 240_00), starts.AddDays(60), "Hydrotherapy sessions: 8 sessions"),
        };
        foreach (var (entry, on, what) in moves)
        {
            (entry.BudgetId, entry.At, entry.On, entry.Description, entry.ByUserId, entry.ByName, entry.IdempotencyKey) =
                (budget.Id, now.AddDays(on.DayNumber - today.DayNumber), on, what, officer, "Budget officer (demo)", $"demo:{entry.Id}");
            db.LedgerEntries.Add(entry);
        }
    }

    /// <summary>
    /// Providers people can choose for two services (written for the demo: names, waits and ratings are made up), and
    /// two peer support groups run by the demo health coach.
    /// </summary>
    private void SeedChoiceAndPeerSupport(Guid coach, DateTime now)
    {
        (string Name, string Ods, string Service, string Postcode, double Lat, double Lon, int Weeks, string Rating)[] providers =
        [
            ("Westgate General Hospital (demo)", "RDM01", "Trauma and orthopaedics", "NE4 6BE", 54.9720, -1.6350, 18, "Good"),
            ("Tyne Valley Orthopaedic Centre (demo)", "RDM02", "Trauma and orthopaedics", "NE15 8NY", 54.9880, -1.7430, 9, "Outstanding"),
            ("Riverside Independent Hospital (demo)", "NDM03", "Trauma and orthopaedics", "NE5 3AE", 55.0010, -1.6900, 6, "Requires improvement"),
            ("Westgate Memory and Mood Service (demo)", "RDM04", "Adult mental health assessment", "NE4 6BE", 54.9720, -1.6350, 12, "Good"),
            ("Benwell Talking Therapies (demo)", "NDM05", "Adult mental health assessment", "NE4 8SX", 54.9700, -1.6600, 4, "Good"),
        ];
        db.ChoiceProviders.AddRange(providers.Select(p => new Choice.ChoiceProvider
        {
            Id = Guid.NewGuid(), Name = p.Name, OdsCode = p.Ods, Service = p.Service, Postcode = p.Postcode, Latitude = p.Lat, Longitude = p.Lon,
            WaitingWeeks = p.Weeks, QualityRating = p.Rating, UpdatedAt = now, UpdatedByName = "Upcare demo",
        }));
        db.PeerGroups.AddRange(
            new PeerSupport.PeerGroup
            {
                Id = Guid.NewGuid(), Name = "Living well with type 2 diabetes", Topic = "type-2-diabetes", Description = "Tips, recipes and a cup of tea with others who know what it's like.",
                Meets = "Tuesdays, 2pm to 3:30pm", Place = "Elswick Community Centre", Capacity = 12, Facilitator = "Sam (peer facilitator, demo)", OrganiserUserId = coach, CreatedAt = now,
            },
            new PeerSupport.PeerGroup
            {
                Id = Guid.NewGuid(), Name = "Breathe easy walking group", Topic = "copd", Description = "A gentle walk at your own pace, then a chat.",
                Meets = "Fridays, 10am", Place = "Nuns Moor Park gates", Capacity = 15, Facilitator = "Jo (demo)", OrganiserUserId = coach, CreatedAt = now,
            });
    }

    /// <summary>person1 has an agreed care and support plan whose review is overdue, so it shows on the clinician's list.</summary>
    private void SeedCarePlan(Guid personId, string personName, Guid clinician, DateTime now)
    {
        var started = now.AddMonths(-6);
        var plan = new CarePlans.CarePlan
        {
            Id = Guid.NewGuid(), PersonId = personId, Status = CarePlans.CarePlanStatus.Agreed, Version = 1,
            AboutMe = "I live on my own. My grandchildren visit on Sundays and that is the best part of my week.",
            MyHealth = "Type 2 diabetes and arthritis in my knees. Some days the pain stops me going out.",
            SupportNetwork = "My daughter Sarah (lives nearby). My neighbour Pat checks on me.",
            IfThingsGetWorse = "If my sugars are high for more than two days, or I feel very low, I will ring the surgery.",
            WhoToCall = "Surgery 0191 000 0000 (8am to 6:30pm). NHS 111 at other times. Sarah 07700 900000.",
            CommunicationPreferences = "Phone me in the afternoon. Large print letters, please.",
            PeopleInvolved = "My GP, the practice nurse, my link worker.",
            ReviewOn = DateOnly.FromDateTime(now).AddDays(-3),
            StartedAt = started, StartedByUserId = clinician, StartedByName = "Dr Priya Anand", UpdatedAt = started,
            AgreedVersion = 1, AgreedAt = started, AgreedBy = $"{personName}, with Dr Priya Anand",
        };
        plan.Goals.Add(new CarePlans.CarePlanGoal { Id = Guid.NewGuid(), PlanId = plan.Id, Position = 0, InMyWords = "Walk to the shops and back without stopping", HowIWillKnow = "I can get my own paper on a Saturday", ByWhen = DateOnly.FromDateTime(now).AddMonths(2), Progress = CarePlans.GoalProgress.Progressing });
        plan.Goals.Add(new CarePlans.CarePlanGoal { Id = Guid.NewGuid(), PlanId = plan.Id, Position = 1, InMyWords = "Feel less lonely in the week", HowIWillKnow = "I go to something with other people at least once a week", Progress = CarePlans.GoalProgress.NotStarted });
        plan.Actions.Add(new CarePlans.CarePlanAction { Id = Guid.NewGuid(), PlanId = plan.Id, Position = 0, What = "Check my blood sugar every morning and write it down", Who = CarePlans.ActionBy.Me });
        plan.Actions.Add(new CarePlans.CarePlanAction { Id = Guid.NewGuid(), PlanId = plan.Id, Position = 1, What = "Refer to the link worker for groups nearby", Who = CarePlans.ActionBy.Professional, WhoName = "Dr Priya Anand", ByWhen = DateOnly.FromDateTime(started).AddDays(14), Done = true });
        db.CarePlans.Add(plan);
        db.CarePlanVersions.Add(new CarePlans.CarePlanVersion
        {
            Id = Guid.NewGuid(), PlanId = plan.Id, Number = 1, SavedAt = started, SavedByUserId = clinician, SavedByName = "Dr Priya Anand",
            Summary = "Plan started", Content = CarePlans.CarePlanContent.From(plan).ToJson(), AgreedAt = started, AgreedBy = plan.AgreedBy,
        });
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
