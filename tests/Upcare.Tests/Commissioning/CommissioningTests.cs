using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.Commissioning;
using Upcare.Data;
using Upcare.PersonalBudgets;
using Upcare.SocialPrescribing;
using Upcare.Synthetic;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Commissioning;

/// <summary>An app whose small-number threshold is 3, with a small synthetic population and nothing else.</summary>
public abstract class CommissioningFixture(DatabaseProvider provider) : IAsyncLifetime
{
    public UpcareApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        App = new UpcareApp(provider, await UpcareApp.NewDatabaseAsync(provider, "commissioning"), new Dictionary<string, string?>
        {
            ["Upcare:Commissioning:SuppressBelow"] = "3",
            ["Upcare:Commissioning:AnnualTargets:SocialPrescribing"] = "365",
        });
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PopulationSeeder>().SeedAsync(60, 5);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteCommissioningFixture() : CommissioningFixture(DatabaseProvider.Sqlite);

public sealed class PostgresCommissioningFixture() : CommissioningFixture(DatabaseProvider.Postgres);

/// <summary>Commissioners' figures on a hand-made population where the right answers are known, on each provider.</summary>
public abstract class CommissioningTests(CommissioningFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A completed SWEMWBS response with its metric score, as the outcomes feature stores it.</summary>
    private static void AddSwemwbs(UpcareDbContext db, Guid personId, DateTime at, decimal metric)
    {
        var response = new Upcare.Outcomes.MeasureResponse
        {
            Id = Guid.NewGuid(), PersonId = personId, InstrumentCode = "swemwbs", InstrumentVersion = "test", Status = Upcare.Outcomes.ResponseStatus.Completed,
            Mode = Upcare.Outcomes.CompletionMode.WithPractitioner, StartedAt = at, UpdatedAt = at, CompletedAt = at, Version = 2,
        };
        db.MeasureResponses.Add(response);
        db.MeasureScores.Add(new Upcare.Outcomes.MeasureScore { Id = Guid.NewGuid(), ResponseId = response.Id, Code = "metric", Label = "Metric score", Value = metric });
    }

    [Fact]
    public async Task Reach_counts_distinct_people_in_the_period_splits_them_and_suppresses_small_numbers()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // People no other test of this fixture has referred (a person has one open referral at a time; tests run in any order).
        var people = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
            .OrderBy(p => p.NhsNumber).Take(7).ToListAsync());
        var pcn = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "U99901").Select(o => o.Id).SingleAsync());
        var inPeriod = DateTime.UtcNow.AddDays(-20);
        await App.WithDbAsync(async db =>
        {
            // IMD: the first three in decile 1, the next two in decile 7; the sixth has no lookup row.
            foreach (var (p, i) in people.Take(5).Select((p, i) => (p, i)))
            {
                if (!await db.ImdAreas.AnyAsync(a => a.Postcode == p.Postcode))
                {
                    db.ImdAreas.Add(new ImdArea { Postcode = p.Postcode, Decile = i < 3 ? 1 : 7 });
                }
            }
            SocialPrescribingReferral Referral(Guid personId, DateTime at) => new()
            {
                Id = Guid.NewGuid(), PersonId = personId, PcnId = pcn, Source = ReferralSource.Clinician, ReferredByUserId = Guid.NewGuid(), ReferredByName = "Dr Test",
                Reason = "Lonely", ReceivedAt = at, Status = SocialPrescribingStatus.New, FirstContactDue = today,
            };
            // Five people referred in the period (one of them twice: still one person); a sixth two years ago.
            foreach (var p in people.Take(5))
            {
                db.SocialPrescribingReferrals.Add(Referral(p.Id, inPeriod));
            }
            // Only one referral of a person is open at a time, so the earlier of the two has ended.
            var earlier = Referral(people[0].Id, inPeriod.AddMinutes(-1));
            earlier.Status = SocialPrescribingStatus.Discharged;
            db.SocialPrescribingReferrals.Add(earlier);
            db.SocialPrescribingReferrals.Add(Referral(people[5].Id, DateTime.UtcNow.AddYears(-2)));
            // Two care and support plans agreed in the period.
            foreach (var p in people.Take(2))
            {
                var plan = new CarePlan { Id = Guid.NewGuid(), PersonId = p.Id, Status = CarePlanStatus.Agreed, Version = 1, StartedAt = inPeriod, StartedByName = "Dr Test", UpdatedAt = inPeriod, AgreedVersion = 1, AgreedAt = inPeriod };
                db.CarePlans.Add(plan);
                db.CarePlanVersions.Add(new CarePlanVersion { Id = Guid.NewGuid(), PlanId = plan.Id, Number = 1, SavedAt = inPeriod, SavedByName = "Dr Test", Summary = "Plan started", Content = "{}", AgreedAt = inPeriod, AgreedBy = "Test" });
            }
            return await db.SaveChangesAsync();
        });

        using var scope = App.Services.CreateScope();
        var figures = scope.ServiceProvider.GetRequiredService<CommissioningService>();
        // A window around the events, so other tests' records (made today, or months ago) stay out.
        var (from, to) = (today.AddDays(-30), today.AddDays(-10));
        var byImd = await figures.ReachAsync(from, to, Split.ImdDecile);
        Assert.Equal(5, byImd.Totals[Intervention.SocialPrescribing]);
        Assert.Equal(2, byImd.Totals[Intervention.CarePlanAgreed]);
        Assert.Equal(0, byImd.Totals[Intervention.PersonalHealthBudget]);
        Assert.Equal([("1", 3), ("7", 2)], byImd.Rows.Select(r => (r.Group, r.People.GetValueOrDefault(Intervention.SocialPrescribing))));
        Assert.Equal(21, byImd.Targets[Intervention.SocialPrescribing]); // 365 a year, pro rata for 21 days
        Assert.Null(byImd.Targets[Intervention.PeerSupport]);
        var month = Assert.Single(byImd.ByMonth);
        Assert.Equal($"{inPeriod:yyyy-MM}", month.Group);

        var bySex = await figures.ReachAsync(from, to, Split.Sex);
        var expectedSex = people.Take(5).GroupBy(p => p.Sex == Upcare.People.Sex.NotKnown ? "Not known" : p.Sex.ToString()).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expectedSex.OrderBy(e => e.Key), bySex.Rows.ToDictionary(r => r.Group, r => r.People[Intervention.SocialPrescribing]).OrderBy(e => e.Key));
        var byAge = await figures.ReachAsync(from, to, Split.AgeBand);
        Assert.Equal(5, byAge.Rows.Sum(r => r.People.GetValueOrDefault(Intervention.SocialPrescribing)));
        var oldest = people.Take(5).Select(p => p.AgeOn(to)).Max();
        Assert.Contains(byAge.Rows, r => CommissioningService.AgeBands.Any(b => b.Label == r.Group && oldest >= b.From && oldest <= b.To));
        // Long-term conditions: none, one, two, three or more, counted from each person's recorded conditions.
        var ids = people.Take(5).Select(p => p.Id).ToList();
        var conditions = await App.WithDbAsync(db => db.LongTermConditions.Where(c => ids.Contains(c.PersonId)).GroupBy(c => c.PersonId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var expectedConditions = ids.GroupBy(id => conditions.GetValueOrDefault(id) switch { 0 => "None", 1 => "One", 2 => "Two", _ => "Three or more" }).ToDictionary(g => g.Key, g => g.Count());
        var byConditions = await figures.ReachAsync(from, to, Split.LongTermConditions);
        Assert.Equal(expectedConditions.OrderBy(e => e.Key), byConditions.Rows.ToDictionary(r => r.Group, r => r.People[Intervention.SocialPrescribing]).OrderBy(e => e.Key));
        var groups = await figures.GroupsAsync(ids, Split.LongTermConditions, to);
        Assert.Equal(expectedConditions.OrderBy(e => e.Key), groups.Values.GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count()).OrderBy(e => e.Key));
        Assert.Equal(["1", "1", "1", "7", "7"], (await figures.GroupsAsync(ids, Split.ImdDecile, to)).OrderBy(g => ids.IndexOf(g.Key)).Select(g => g.Value));

        // The commissioner's page and CSV: the 2 in decile 7 and the 2 plans are suppressed (threshold 3), the 3 in decile 1 are shown.
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var period = $"From.Day={from.Day}&From.Month={from.Month}&From.Year={from.Year}&To.Day={to.Day}&To.Month={to.Month}&To.Year={to.Year}";
        var page = await commissioner.GetAsync($"/figures/reach?Split=ImdDecile&{period}");
        var rows = page.Document.QuerySelectorAll("table").First(t => t.TextContent.Contains("By IMD decile")).QuerySelectorAll("tbody tr")
            .Select(tr => (tr.QuerySelector("th")!.TextContent, tr.QuerySelectorAll("td").First().TextContent)).ToList();
        Assert.Equal([("1", "3"), ("7", "fewer than 3")], rows);
        var csv = await commissioner.Http.GetStringAsync($"/figures/reach?handler=Csv&Split=ImdDecile&{period}");
        Assert.Contains("1,3,fewer than 3,0,0,0,0", csv);
        Assert.Contains("All,5,fewer than 3,0,0,0,0", csv);
        foreach (var p in people)
        {
            Assert.DoesNotContain(p.FamilyName, page.Text);
            Assert.DoesNotContain(p.FamilyName, csv);
        }

        // A commissioner never reaches a named record.
        Assert.Equal(HttpStatusCode.Forbidden, (await commissioner.GetAsync($"/people/{people[0].Id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await commissioner.GetAsync("/people")).Status);
    }

    [Fact]
    public async Task Outcomes_pair_the_first_and_last_answers_of_people_who_finished_and_show_the_response_rate()
    {
        var people = await App.WithDbAsync(db => db.People.AsNoTracking().OrderBy(p => p.FamilyName).ThenBy(p => p.Id).Skip(20).Take(3).ToListAsync());
        var pcn = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "U99901").Select(o => o.Id).SingleAsync());
        var received = DateTime.UtcNow.AddDays(-150);
        var discharged = DateTime.UtcNow.AddDays(-10);
        await App.WithDbAsync(async db =>
        {
            foreach (var p in people)
            {
                db.SocialPrescribingReferrals.Add(new SocialPrescribingReferral
                {
                    Id = Guid.NewGuid(), PersonId = p.Id, PcnId = pcn, Source = ReferralSource.Clinician, ReferredByUserId = Guid.NewGuid(), ReferredByName = "Dr Test", Reason = "Low mood",
                    ReceivedAt = received, Status = SocialPrescribingStatus.Discharged, DischargedAt = discharged, DischargeReason = DischargeReason.GoalsMet, FirstContactDue = DateOnly.FromDateTime(received),
                });
                AddSwemwbs(db, p.Id, received.AddDays(3), 20.00m);
            }
            // A meaningful improvement (3.93 ≥ 2.87), a small one (0.52), and one person with no follow-up.
            AddSwemwbs(db, people[0].Id, discharged.AddDays(-2), 23.93m);
            AddSwemwbs(db, people[1].Id, discharged.AddDays(5), 20.52m);
            return await db.SaveChangesAsync();
        });
        using var scope = App.Services.CreateScope();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = await scope.ServiceProvider.GetRequiredService<CommissioningService>().OutcomesAsync(today.AddDays(-30), today);
        var swemwbs = rows.Single(r => r.Programme == "Social prescribing" && r.Measure.StartsWith("SWEMWBS"));
        Assert.Equal((3, 2, 2.22m, 2.87m, 1, 66.7m), (swemwbs.Finished, swemwbs.Paired, swemwbs.MeanChange!.Value, swemwbs.Threshold!.Value, swemwbs.Improved, swemwbs.ResponseRatePercent!.Value));
        var ons4 = rows.Single(r => r.Programme == "Social prescribing" && r.Measure.StartsWith("ONS4"));
        Assert.Equal((3, 0), (ons4.Finished, ons4.Paired));
        Assert.All(rows, r => Assert.Equal(CommissioningService.All, r.Group));

        // Split by sex: each group has its own people and pairs, and together they make the whole.
        var bySex = (await scope.ServiceProvider.GetRequiredService<CommissioningService>().OutcomesAsync(today.AddDays(-30), today, Split.Sex))
            .Where(r => r.Programme == "Social prescribing" && r.Measure.StartsWith("SWEMWBS")).ToList();
        var expected = people.GroupBy(p => p.Sex.ToString()).ToDictionary(g => g.Key, g => (g.Count(), g.Count(p => p.Id != people[2].Id)));
        Assert.Equal(expected.OrderBy(e => e.Key), bySex.ToDictionary(r => r.Group, r => (r.Finished, r.Paired)).OrderBy(e => e.Key));

        // On the page, two pairs are under the threshold of 3: counts and shares are not shown.
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var row = (await commissioner.GetAsync("/figures/outcomes")).Document.QuerySelectorAll("tbody tr").Single(tr => tr.TextContent.Contains("Social prescribing: SWEMWBS"));
        Assert.Equal(["3", "fewer than 3", "not shown", "not shown"], row.QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()));
        var split = await commissioner.GetAsync("/figures/outcomes?Split=Sex");
        Assert.Equal(expected.Keys.Order().Select(k => $"Paired before and after: sex {k}"), split.Document.QuerySelectorAll("caption").Select(c => c.TextContent.Trim()).Order());
        Assert.StartsWith("Sex,Programme,Measure", await commissioner.Http.GetStringAsync("/figures/outcomes?handler=Csv&Split=Sex"));
    }

    [Fact]
    public async Task People_rate_services_they_used_and_the_organisation_and_commissioners_reply_without_seeing_who()
    {
        // Someone with no open referral yet: a person has one open referral at a time.
        var person = await App.WithDbAsync(db => db.People.AsNoTracking()
            .Where(p => !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id && r.Status != SocialPrescribingStatus.Discharged))
            .OrderBy(p => p.GivenName).ThenBy(p => p.Id).Skip(40).FirstAsync());
        var (vcse, otherVcse, pcn) = await App.WithDbAsync(async db => (
            await db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync(),
            await db.Organisations.Where(o => o.Code == "V99902").Select(o => o.Id).SingleAsync(),
            await db.Organisations.Where(o => o.Code == "U99901").Select(o => o.Id).SingleAsync()));
        var (used, notUsed) = (Guid.NewGuid(), Guid.NewGuid());
        await App.WithDbAsync(db =>
        {
            db.CommunityServices.Add(new Upcare.ServiceDirectory.CommunityService { Id = used, OrganisationId = vcse, Name = "Test friendship café" });
            db.CommunityServices.Add(new Upcare.ServiceDirectory.CommunityService { Id = notUsed, OrganisationId = vcse, Name = "Test walking group" });
            var sp = new SocialPrescribingReferral { Id = Guid.NewGuid(), PersonId = person.Id, PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = DateTime.UtcNow, Status = SocialPrescribingStatus.Active, FirstContactDue = DateOnly.FromDateTime(DateTime.UtcNow) };
            db.SocialPrescribingReferrals.Add(sp);
            foreach (var (service, name, status) in new[] { (used, "Test friendship café", CommunityReferralStatus.Completed), (notUsed, "Test walking group", CommunityReferralStatus.Rejected) })
            {
                db.CommunityReferrals.Add(new CommunityReferral
                {
                    Id = Guid.NewGuid(), SocialPrescribingReferralId = sp.Id, PersonId = person.Id, ServiceId = service, ServiceName = name, OrganisationId = vcse, SentByName = "Link worker",
                    SentAt = DateTime.UtcNow, SharedName = person.GivenName, Status = status, StatusAt = DateTime.UtcNow, RespondBy = DateOnly.FromDateTime(DateTime.UtcNow), SendKey = Guid.NewGuid(), Version = 1,
                });
            }
            return db.SaveChangesAsync();
        });
        // The same two referrals as VCSE demand: received 2, accepted (and finished) 1, declined 1.
        using (var scope = App.Services.CreateScope())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var demand = await scope.ServiceProvider.GetRequiredService<CommissioningService>().DemandAsync(today.AddDays(-1), today.AddDays(1));
            var organisation = await App.WithDbAsync(db => db.Organisations.Where(o => o.Id == vcse).Select(o => o.Name).SingleAsync());
            Assert.Equal(new DemandRow(organisation, 2, 1, 1, 0, 0), demand.ByOrganisation.Single(r => r.Group == organisation));
            Assert.Empty(demand.ByGroup);
            // Split by the referred people's sex: the one person's group holds both referrals.
            var bySex = await scope.ServiceProvider.GetRequiredService<CommissioningService>().DemandAsync(today.AddDays(-1), today.AddDays(1), Split.Sex);
            Assert.Equal([new DemandRow(person.Sex.ToString(), 2, 1, 1, 0, 0)], bySex.ByGroup);
        }

        var me = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: person.Id));
        var page = await me.GetAsync("/me/feedback");
        Assert.Equal(["Test friendship café"], page.Document.QuerySelectorAll("select#ServiceId option").Skip(1).Select(o => o.TextContent));
        var bad = await me.SubmitFormAsync(page, "/me/feedback", new Dictionary<string, string> { ["ServiceId"] = notUsed.ToString() });
        Assert.Equal(["Choose a service you used", "Choose a rating from 1 to 5"], bad.ErrorSummary);
        var sent = await me.SubmitFormAsync(page, "/me/feedback", new Dictionary<string, string> { ["ServiceId"] = used.ToString(), ["Rating"] = "4", ["Comment"] = "Friendly people; the room was cold" });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);

        // The organisation reads it without the person's name and replies; another organisation sees nothing.
        var worker = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, vcse));
        var inbox = await worker.GetAsync("/community-referrals/feedback");
        Assert.Contains("Friendly people; the room was cold", inbox.Text);
        Assert.DoesNotContain(person.FamilyName, inbox.Text);
        var feedbackId = await App.WithDbAsync(db => db.ServiceFeedback.Where(f => f.PersonId == person.Id).Select(f => f.Id).SingleAsync());
        var empty = await worker.SubmitFormAsync(inbox, "/community-referrals/feedback", new Dictionary<string, string>(), handler: $"Reply&feedbackId={feedbackId}");
        Assert.Equal(["Enter your reply"], empty.ErrorSummary);
        await worker.SubmitFormAsync(inbox, "/community-referrals/feedback", new Dictionary<string, string> { ["Reply"] = "Thank you: we have fixed the heating" }, handler: $"Reply&feedbackId={feedbackId}");
        var other = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, otherVcse));
        Assert.DoesNotContain("Friendly people", (await other.GetAsync("/community-referrals/feedback")).Text);
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var theirs = await commissioner.GetAsync("/figures/feedback");
        await commissioner.SubmitFormAsync(theirs, "/figures/feedback", new Dictionary<string, string> { ["Reply"] = "We will look at venues across the area" }, handler: $"Reply&feedbackId={feedbackId}");

        var replies = await me.GetAsync("/me/feedback");
        Assert.Contains("Thank you: we have fixed the heating", replies.Text);
        Assert.Contains("Reply from The commissioners", replies.Text);
    }

    [Fact]
    public async Task An_outcomes_contract_pays_for_wellbeing_and_admissions_avoided_within_its_caps_with_evidence()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var pcn = await App.WithDbAsync(db => db.Organisations.Where(o => o.Code == "U99901").Select(o => o.Id).SingleAsync());
        var cohort = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id)).OrderBy(p => p.DateOfBirth).ThenBy(p => p.Id).Take(4).ToListAsync());
        var referred = DateTime.UtcNow.AddDays(-250);
        await App.WithDbAsync(async db =>
        {
            foreach (var (p, i) in cohort.Select((p, i) => (p, i)))
            {
                db.SocialPrescribingReferrals.Add(new SocialPrescribingReferral
                {
                    Id = Guid.NewGuid(), PersonId = p.Id, PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = referred, Status = SocialPrescribingStatus.Active, FirstContactDue = today,
                });
                // Three of the four improve by 3 points (at least 2.87) at 6 months; the fourth has no follow-up.
                AddSwemwbs(db, p.Id, referred.AddDays(1), 20m);
                if (i < 3)
                {
                    AddSwemwbs(db, p.Id, referred.AddMonths(6), 23m);
                }
            }
            // The cohort: 2 emergency admissions between the 4 of them in the year after referral (0.5 each).
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = cohort[0].Id, On = DateOnly.FromDateTime(referred).AddDays(30), Kind = ActivityKind.Admission, Count = 2 });
            await db.SaveChangesAsync();
            // The comparison group (everyone else at the network's practices never referred): one admission each (1.0 each).
            var practices = db.Organisations.Where(o => o.ParentId == pcn).Select(o => o.Id);
            foreach (var id in await db.People.Where(p => p.GpPracticeId != null && practices.Contains(p.GpPracticeId.Value) && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id)).Select(p => p.Id).ToListAsync())
            {
                db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = id, On = today.AddDays(-290), Kind = ActivityKind.Admission, Count = 1 });
            }
            return await db.SaveChangesAsync();
        });

        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var (from, to) = (today.AddDays(-300), today.AddDays(-200));
        var bad = await commissioner.SubmitAsync("/figures/contracts", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.WellbeingTariff"] = "500.001" });
        Assert.Contains("Enter a name for the contract", bad.ErrorSummary);
        Assert.Contains("The amount cannot include a fraction of a penny", bad.ErrorSummary);
        var saved = await commissioner.SubmitAsync("/figures/contracts", new Dictionary<string, string>
        {
            ["Input.Name"] = "Test wellbeing contract", ["Input.ProviderId"] = pcn.ToString(),
            ["Input.From.Day"] = from.Day.ToString(), ["Input.From.Month"] = from.Month.ToString(), ["Input.From.Year"] = from.Year.ToString(),
            ["Input.To.Day"] = to.Day.ToString(), ["Input.To.Month"] = to.Month.ToString(), ["Input.To.Year"] = to.Year.ToString(),
            ["Input.WellbeingTariff"] = "500", ["Input.WellbeingCap"] = "2", ["Input.AdmissionTariff"] = "1000", ["Input.AdmissionCap"] = "1", ["Input.TotalCap"] = "1500",
        });
        Assert.True(saved.Status == HttpStatusCode.Redirect, string.Join("; ", saved.ErrorSummary));
        var contractId = await App.WithDbAsync(db => db.OutcomeContracts.Where(c => c.Name == "Test wellbeing contract").Select(c => c.Id).SingleAsync());

        using var scope = App.Services.CreateScope();
        var c = (await scope.ServiceProvider.GetRequiredService<OutcomePayments>().CalculateAsync(contractId))!;
        // Wellbeing: 3 met, capped at 2 × £500 = £1,000. Admissions: (1.0 − 0.5) × 4 = 2 avoided, capped at 1 × £1,000. Total £2,000, capped at £1,500.
        Assert.Equal((4, 3, 2, 1000_00L), (c.Cohort, c.WellbeingMet, c.WellbeingPaid, c.WellbeingPence));
        Assert.Equal((0.5m, 1.0m, 2, 1, 1000_00L), (c.CohortAdmissionsPerPerson, c.ComparisonAdmissionsPerPerson, c.AdmissionsAvoided, c.AdmissionsPaid, c.AdmissionsPence));
        Assert.Equal((2000_00L, 1500_00L), (c.BeforeTotalCapPence, c.PayablePence));
        Assert.Equal(3, c.Evidence.Count(e => e.Outcome == "Wellbeing at 6 months"));
        Assert.All(c.Evidence, e => Assert.Matches("^[0-9A-F]{10}$", e.CaseId));

        var page = await commissioner.GetAsync($"/figures/contracts/{contractId}");
        Assert.Contains("£1,500.00 (capped from £2,000.00)", page.Text);
        foreach (var p in cohort)
        {
            Assert.DoesNotContain(p.FamilyName, page.Text);
        }
        var csv = await commissioner.Http.GetStringAsync($"/figures/contracts/{contractId}?handler=Csv");
        Assert.Contains("SWEMWBS 20.00 → 23.00 (+3.00)", csv);
        Assert.Contains("Total,Payable,\"£1,500.00\"", csv);

        // The statement made when the contract was set up is kept: a later admission changes only a new statement.
        var first = Assert.Single(await App.WithDbAsync(db => db.PaymentStatements.Where(s => s.ContractId == contractId).ToListAsync()));
        Assert.Equal(1500_00L, first.PayablePence);
        await App.WithDbAsync(db =>
        {
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = cohort[1].Id, On = DateOnly.FromDateTime(referred).AddDays(40), Kind = ActivityKind.Admission, Count = 2 });
            return db.SaveChangesAsync();
        });
        Assert.Contains("£1,500.00 (capped from £2,000.00)", (await commissioner.GetAsync($"/figures/contracts/{contractId}")).Text);
        var again = await commissioner.SubmitFormAsync(page, $"/figures/contracts/{contractId}", new Dictionary<string, string>(), handler: "Recalculate");
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        // Now 4 admissions between 4 people (1.0 each): none avoided; wellbeing still 2 × £500.
        var latest = await commissioner.GetAsync($"/figures/contracts/{contractId}");
        Assert.Equal("£1,000.00", latest.Document.QuerySelectorAll(".nhsuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Payable").QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal(2, latest.Document.QuerySelectorAll("table").Last().QuerySelectorAll("tbody tr").Length);
        var earlier = await commissioner.GetAsync($"/figures/contracts/{contractId}?statement={first.Id}");
        Assert.Contains("an earlier statement, not the latest", earlier.Text);
        Assert.Contains("£1,500.00 (capped from £2,000.00)", earlier.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.GetAsync($"/figures/contracts/{contractId}?statement={Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Budget_money_by_funder_comes_from_the_ledgers_net_of_corrections()
    {
        var people = await App.WithDbAsync(db => db.People.AsNoTracking().OrderByDescending(p => p.NhsNumber).Take(3).ToListAsync());
        await App.WithDbAsync(async db =>
        {
            foreach (var p in people)
            {
                var budget = new PersonalBudget { Id = Guid.NewGuid(), PersonId = p.Id, Right = BudgetRight.Offered, StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31), CreatedAt = DateTime.UtcNow, NotionalPence = 150_00, Version = 1 };
                var nhs = new FundingStream { Id = Guid.NewGuid(), BudgetId = budget.Id, Funder = Funder.Nhs, FunderName = "ICB", AllocationPence = 100_00 };
                var council = new FundingStream { Id = Guid.NewGuid(), BudgetId = budget.Id, Funder = Funder.SocialCare, FunderName = "Council", AllocationPence = 50_00 };
                budget.Streams = [nhs, council];
                db.PersonalBudgets.Add(budget);
                var book = new LedgerBook([]);
                var item = Guid.NewGuid();
                var entries = new List<LedgerEntry>
                {
                    book.Allocate(nhs.Id, 100_00), book.Allocate(council.Id, 50_00), book.Spend(nhs.Id, item, HeldAs.Notional, 30_00),
                };
                var wrong = book.Spend(nhs.Id, item, HeldAs.Notional, 5_00);
                entries.Add(wrong);
                entries.Add(book.Correct(wrong.Id));
                entries.Add(book.Reclaim(council.Id, HeldAs.Notional, 10_00));
                foreach (var e in entries)
                {
                    (e.BudgetId, e.At, e.IdempotencyKey, e.ByName) = (budget.Id, DateTime.UtcNow, $"test:{e.Id}", "Test");
                    db.LedgerEntries.Add(e);
                }
            }
            return await db.SaveChangesAsync();
        });
        using var scope = App.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CommissioningService>().BudgetsAsync();
        Assert.Equal([("NHS", 3, 300_00L, 90_00L, 0L, 210_00L), ("Local authority social care", 3, 150_00L, 0L, 30_00L, 120_00L)],
            rows.ByFunder.Select(r => (r.Group, r.Budgets, r.Allocated, r.Spent, r.Reclaimed, r.Left)));
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var page = await commissioner.GetAsync("/figures/budgets");
        Assert.Contains("£300.00", page.Text);
        Assert.Contains("£210.00", page.Text);
        // Split by the holders' sex: every budget in one group or another, the money adding up to the same.
        var split = await scope.ServiceProvider.GetRequiredService<CommissioningService>().BudgetsAsync(Split.Sex);
        Assert.Equal((3, 450_00L, 90_00L, 30_00L), (split.ByGroup.Sum(r => r.Budgets), split.ByGroup.Sum(r => r.Allocated), split.ByGroup.Sum(r => r.Spent), split.ByGroup.Sum(r => r.Reclaimed)));
        var bySexPage = await commissioner.GetAsync("/figures/budgets?Split=Sex");
        Assert.Contains("By sex of the budget holders", bySexPage.Text);
    }
}

public sealed class CommissioningOnSqliteTests(SqliteCommissioningFixture fixture) : CommissioningTests(fixture), IClassFixture<SqliteCommissioningFixture>;

public sealed class CommissioningOnPostgresTests(PostgresCommissioningFixture fixture) : CommissioningTests(fixture), IClassFixture<PostgresCommissioningFixture>;
