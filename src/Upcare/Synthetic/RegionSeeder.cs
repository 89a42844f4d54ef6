using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Upcare.CarePlans;
using Upcare.Coaching;
using Upcare.Commissioning;
using Upcare.Data;
using Upcare.Outcomes;
using Upcare.PeerSupport;
using Upcare.People;
using Upcare.PersonalBudgets;
using Upcare.SharedDecisions;
using Upcare.Shared;
using Upcare.SocialPrescribing;

namespace Upcare.Synthetic;

/// <summary>
/// Seeds a region-sized population with two years of personalised care activity straight into PostgreSQL (binary
/// COPY), for the commissioning and FHIR benchmarks: the synthetic people, then social prescribing referrals with their
/// needs, community referrals and SWEMWBS/ONS4 before and after, agreed care and support plans, shared decisions,
/// personal health budgets with their ledgers, health coaching, peer support, service feedback, and hospital activity.
/// Rates are rough national ones (about 2% of people referred to social prescribing a year, 1.3% with a plan).
/// </summary>
public class RegionSeeder(UpcareDbContext db, PopulationSeeder population, InstrumentCatalogue instruments, ServiceDirectory.DirectorySeeder directory, TimeProvider clock)
{
    private const int Chunk = 50_000;

    public sealed record Counts(long People, long Referrals, long CommunityReferrals, long Responses, long Plans, long Decisions, long Budgets, long CoachingSessions, long PeerMembers, long Feedback, long Activity);

    /// <summary>Seeds an empty PostgreSQL database; <paramref name="activity"/> is the number of hospital activity records aimed at.</summary>
    public async Task<Counts> SeedAsync(int people, long activity, int seed, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (!await population.IsEmptyAsync(ct))
        {
            throw new InvalidOperationException("Seed a region only into an empty database.");
        }
        var generator = new PopulationGenerator(seed, people, allowUncheckedNumbers: true);
        await population.AddOrganisationsAsync(generator, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var aids = DemoDecisionAids.Create(now).ToList();
        db.DecisionAids.AddRange(aids);
        var groups = Enumerable.Range(1, 12).Select(i => new PeerGroup
        {
            Id = Guid.NewGuid(), Name = $"Peer group {i} (synthetic)", Topic = PeerTopics[i % PeerTopics.Length], Description = "Made up for the benchmark.",
            Meets = "Tuesdays 2pm", Place = "Community centre", Capacity = 5000, Facilitator = "Synthetic facilitator", OrganiserUserId = Guid.NewGuid(), CreatedAt = now,
        }).ToList();
        db.PeerGroups.AddRange(groups);
        await db.SaveChangesAsync(ct);
        if (await directory.IsEmptyAsync(ct))
        {
            throw new InvalidOperationException("Seed the directory first: community referrals go to its services.");
        }
        db.ChangeTracker.Clear();
        var services = await db.Set<ServiceDirectory.ServiceTaxonomy>()
            .Join(db.Set<ServiceDirectory.TaxonomyTerm>(), t => t.TermId, n => n.Id, (t, n) => new { t.ServiceId, n.Code, n.Name })
            .Join(db.CommunityServices, x => x.ServiceId, s => s.Id, (x, s) => new ServiceNeed(s.Id, s.Name, s.OrganisationId, x.Code, x.Name))
            .ToListAsync(ct);
        var practicePcn = generator.Organisations.Where(o => o.ParentId != null).ToDictionary(o => o.Id, o => o.ParentId!.Value);
        var maker = new ActivityMaker(new Random(seed + 1), now, services, practicePcn, aids[0], groups, instruments, (double)activity / Math.Max(people, 1));

        var counts = new long[11];
        var done = 0;
        foreach (var chunk in generator.People().Chunk(Chunk))
        {
            counts[0] += (long)await PostgresCopy.WriteAsync(db, chunk, ct);
            await PostgresCopy.WriteAsync(db, chunk.SelectMany(p => p.LongTermConditions), ct);
            await PostgresCopy.WriteAsync(db, chunk.SelectMany(p => p.CommunicationNeeds), ct);
            await PostgresCopy.WriteAsync(db, chunk.SelectMany(p => p.Contacts), ct);
            await PostgresCopy.WriteAsync(db, chunk.SelectMany(p => p.SocialNeeds), ct);
            await PostgresCopy.WriteAsync(db, chunk.SelectMany(p => p.WhatMatters), ct);
            var made = new Made();
            foreach (var person in chunk)
            {
                maker.For(person, made);
            }
            counts[1] += (long)await PostgresCopy.WriteAsync(db, made.Referrals, ct);
            await PostgresCopy.WriteAsync(db, made.Referrals.SelectMany(r => r.Needs), ct);
            counts[2] += (long)await PostgresCopy.WriteAsync(db, made.CommunityReferrals, ct);
            counts[3] += (long)await PostgresCopy.WriteAsync(db, made.Responses, ct);
            await PostgresCopy.WriteAsync(db, made.Responses.SelectMany(r => r.Scores), ct);
            counts[4] += (long)await PostgresCopy.WriteAsync(db, made.Plans, ct);
            await PostgresCopy.WriteAsync(db, made.Plans.SelectMany(p => p.Goals), ct);
            await PostgresCopy.WriteAsync(db, made.PlanVersions, ct);
            counts[5] += (long)await PostgresCopy.WriteAsync(db, made.Decisions, ct);
            counts[6] += (long)await PostgresCopy.WriteAsync(db, made.Budgets, ct);
            await PostgresCopy.WriteAsync(db, made.Budgets.SelectMany(b => b.Streams), ct);
            await PostgresCopy.WriteAsync(db, made.Budgets.SelectMany(b => b.Items), ct);
            await PostgresCopy.WriteAsync(db, made.Ledger, ct);
            counts[7] += (long)await PostgresCopy.WriteAsync(db, made.Sessions, ct);
            counts[8] += (long)await PostgresCopy.WriteAsync(db, made.PeerMembers, ct);
            counts[9] += (long)await PostgresCopy.WriteAsync(db, made.Feedback, ct);
            counts[10] += (long)await PostgresCopy.WriteAsync(db, made.Activity, ct);
            await PostgresCopy.WriteAsync(db, made.ServiceUse, ct);
            done += chunk.Length;
            progress?.Report(done);
        }
        // Fresh statistics and visibility maps, so the first queries plan with the real table sizes and can read indexes alone.
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", ct);
        return new Counts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8], counts[9], counts[10]);
    }

    private static readonly string[] PeerTopics = ["type-2-diabetes", "copd", "carers", "long-covid", "recovery", "long-term-pain"];

    private sealed record ServiceNeed(Guid ServiceId, string ServiceName, Guid OrganisationId, string NeedCode, string NeedName);

    /// <summary>What the activity maker made for one chunk of people.</summary>
    private sealed class Made
    {
        public List<SocialPrescribingReferral> Referrals { get; } = [];
        public List<CommunityReferral> CommunityReferrals { get; } = [];
        public List<MeasureResponse> Responses { get; } = [];
        public List<CarePlan> Plans { get; } = [];
        public List<CarePlanVersion> PlanVersions { get; } = [];
        public List<SharedDecision> Decisions { get; } = [];
        public List<PersonalBudget> Budgets { get; } = [];
        public List<LedgerEntry> Ledger { get; } = [];
        public List<CoachingSession> Sessions { get; } = [];
        public List<PeerGroupMember> PeerMembers { get; } = [];
        public List<ServiceFeedback> Feedback { get; } = [];
        public List<ActivityRecord> Activity { get; } = [];
        public List<ServiceUse.ServiceUseEvent> ServiceUse { get; } = [];
    }

    /// <summary>Makes one person's two years of activity, deterministically from the random source.</summary>
    private sealed class ActivityMaker(Random random, DateTime now, List<ServiceNeed> services, Dictionary<Guid, Guid> practicePcn,
        DecisionAid aid, List<PeerGroup> groups, InstrumentCatalogue instruments, double activityPerPerson)
    {
        private readonly Guid _staff = Guid.NewGuid();
        private readonly string _swemwbs = instruments.Find("swemwbs")?.Version ?? "";
        private readonly string _ons4 = instruments.Find("ons4")?.Version ?? "";
        private readonly DateOnly _today = DateOnly.FromDateTime(now);

        private DateTime Within(int days) => now.AddDays(-random.Next(1, days)).AddMinutes(-random.Next(0, 600));

        public void For(Person person, Made made)
        {
            if (random.NextDouble() < 0.04 && person.GpPracticeId is { } practice && practicePcn.TryGetValue(practice, out var pcn))
            {
                Refer(person, pcn, made);
            }
            if (random.NextDouble() < 0.025)
            {
                Plan(person, made);
            }
            if (random.NextDouble() < 0.01)
            {
                Decide(person, made);
            }
            if (random.NextDouble() < 0.003)
            {
                Budget(person, made);
            }
            if (random.NextDouble() < 0.01)
            {
                var began = Within(700);
                var sessions = random.Next(1, 7);
                for (var i = 1; i <= sessions; i++)
                {
                    var at = began.AddDays(14 * (i - 1));
                    if (at > now) break;
                    made.Sessions.Add(new CoachingSession
                    {
                        Id = Guid.NewGuid(), PersonId = person.Id, CoachUserId = _staff, CoachName = "Synthetic coach", Number = i, On = DateOnly.FromDateTime(at),
                        Notes = "Synthetic session.", PersonGoals = "Walk more", NextSteps = "Keep going", CreatedAt = at,
                    });
                }
            }
            if (random.NextDouble() < 0.005)
            {
                made.PeerMembers.Add(new PeerGroupMember { Id = Guid.NewGuid(), GroupId = groups[random.Next(groups.Count)].Id, PersonId = person.Id, JoinedAt = Within(700) });
            }
            // Hospital activity: exponentially spread, so most people have little and a few have a lot.
            var records = (int)Math.Round(-Math.Log(1 - random.NextDouble()) * activityPerPerson);
            for (var i = 0; i < records; i++)
            {
                var roll = random.NextDouble();
                var kind = roll < 0.25 ? ActivityKind.Admission : roll < 0.6 ? ActivityKind.EmergencyAttendance : ActivityKind.BedDays;
                made.Activity.Add(new ActivityRecord
                {
                    Id = Guid.NewGuid(), PersonId = person.Id, On = _today.AddDays(-random.Next(1, 1095)), Kind = kind, Count = kind == ActivityKind.BedDays ? random.Next(1, 10) : 1,
                });
            }
        }

        private void Refer(Person person, Guid pcn, Made made)
        {
            var received = Within(730);
            var service = services[random.Next(services.Count)];
            var discharged = received.AddDays(random.Next(60, 240));
            var referral = new SocialPrescribingReferral
            {
                Id = Guid.NewGuid(), PersonId = person.Id, PcnId = pcn, Source = ReferralSource.Clinician, ReferredByUserId = _staff, ReferredByName = "Synthetic GP",
                Reason = "Synthetic referral.", ConsentToContact = true, ReceivedAt = received, LinkWorkerUserId = _staff, LinkWorkerName = "Synthetic link worker",
                TakenOnAt = received.AddDays(2), FirstContactAt = received.AddDays(5), FirstContactDue = DateOnly.FromDateTime(received).AddDays(14), Version = 1,
            };
            if (discharged < now)
            {
                referral.Status = SocialPrescribingStatus.Discharged;
                referral.DischargedAt = discharged;
                referral.DischargeReason = random.NextDouble() < 0.8 ? DischargeReason.GoalsMet : DischargeReason.NoContact;
            }
            else
            {
                referral.Status = SocialPrescribingStatus.Active;
            }
            referral.Needs.Add(new ReferralNeed { ReferralId = referral.Id, Code = service.NeedCode, Name = service.NeedName });
            made.Referrals.Add(referral);
            var sends = random.Next(1, 3);
            for (var i = 0; i < sends; i++)
            {
                var to = i == 0 ? service : services[random.Next(services.Count)];
                if (i > 0 && to.ServiceId == service.ServiceId)
                {
                    continue; // one referral to a service at a time
                }
                var sent = received.AddDays(7 + i);
                var roll = random.NextDouble();
                var (status, reason) = roll switch
                {
                    < 0.45 => (CommunityReferralStatus.Completed, (string?)null),
                    < 0.65 => (CommunityReferralStatus.InProgress, null),
                    < 0.80 => (CommunityReferralStatus.Rejected, random.NextDouble() < 0.5 ? "No places or capacity at the moment" : "The person does not meet who the service is for"),
                    < 0.90 => (CommunityReferralStatus.Cancelled, "Expired: no answer within 10 working days"),
                    _ => (CommunityReferralStatus.Requested, null),
                };
                made.CommunityReferrals.Add(new CommunityReferral
                {
                    Id = Guid.NewGuid(), SocialPrescribingReferralId = referral.Id, PersonId = person.Id, ServiceId = to.ServiceId, ServiceName = to.ServiceName,
                    OrganisationId = to.OrganisationId, SentByUserId = _staff, SentByName = "Synthetic link worker", SentAt = sent, ConsentToShare = true,
                    SharedName = person.GivenName, Status = status, StatusReason = reason, StatusAt = sent.AddDays(3),
                    DeclineReason = status == CommunityReferralStatus.Rejected ? (reason!.StartsWith("No places") ? DeclineReason.NoCapacity : DeclineReason.NotEligible) : null, RespondBy = DateOnly.FromDateTime(sent).AddDays(14),
                    SendKey = Guid.NewGuid(), Version = 1,
                });
            }
            // GP and hospital use in the six months either side, as an import would bring it: a little less after, on average.
            if (referral.DischargedAt is { } left)
            {
                Contacts(person, ServiceUse.ServiceUseKind.GpAppointment, DateOnly.FromDateTime(received).AddMonths(-6), random.Next(1, 7), made);
                Contacts(person, ServiceUse.ServiceUseKind.GpAppointment, DateOnly.FromDateTime(left).AddDays(1), random.Next(0, 6), made);
                Contacts(person, ServiceUse.ServiceUseKind.AandEAttendance, DateOnly.FromDateTime(received).AddMonths(-6), random.NextDouble() < 0.15 ? 1 : 0, made);
                Contacts(person, ServiceUse.ServiceUseKind.AandEAttendance, DateOnly.FromDateTime(left).AddDays(1), random.NextDouble() < 0.1 ? 1 : 0, made);
            }
            // Wellbeing before, and for most of those discharged, after: better on average.
            var before = Math.Round(14 + (decimal)random.NextDouble() * 12, 2);
            Answer(person, "swemwbs", _swemwbs, "metric", before, received.AddDays(5), made);
            var satisfied = random.Next(2, 8);
            Answer(person, "ons4", _ons4, "satisfied", satisfied, received.AddDays(5), made);
            if (referral.DischargedAt is { } end && random.NextDouble() < 0.7)
            {
                Answer(person, "swemwbs", _swemwbs, "metric", Math.Clamp(before + Math.Round((decimal)(random.NextDouble() * 8 - 2), 2), 7, 35), end.AddDays(-3), made);
                Answer(person, "ons4", _ons4, "satisfied", Math.Clamp(satisfied + random.Next(-1, 3), 0, 10), end.AddDays(-3), made);
            }
            if (random.NextDouble() < 0.1)
            {
                made.Feedback.Add(new ServiceFeedback
                {
                    Id = Guid.NewGuid(), PersonId = person.Id, ServiceId = service.ServiceId, ServiceName = service.ServiceName, OrganisationId = service.OrganisationId,
                    Rating = random.Next(2, 6), Comment = "Synthetic feedback.", At = received.AddDays(30),
                });
            }
        }

        /// <summary><paramref name="count"/> contacts on days within the six months from <paramref name="from"/>, none in the future.</summary>
        private void Contacts(Person person, ServiceUse.ServiceUseKind kind, DateOnly from, int count, Made made)
        {
            for (var i = 0; i < count; i++)
            {
                var on = from.AddDays(random.Next(0, 182));
                if (on <= DateOnly.FromDateTime(now))
                {
                    made.ServiceUse.Add(new ServiceUse.ServiceUseEvent { Id = Guid.NewGuid(), PersonId = person.Id, Kind = kind, On = on, Source = "synthetic", RecordId = Guid.NewGuid().ToString() });
                }
            }
        }

        private void Answer(Person person, string instrument, string version, string score, decimal value, DateTime at, Made made)
        {
            if (at > now) return;
            var response = new MeasureResponse
            {
                Id = Guid.NewGuid(), PersonId = person.Id, InstrumentCode = instrument, InstrumentVersion = version, Status = ResponseStatus.Completed,
                Mode = CompletionMode.SelfCompleted, StartedAt = at, UpdatedAt = at, CompletedAt = at, Version = 1,
            };
            response.Scores.Add(new MeasureScore { Id = Guid.NewGuid(), ResponseId = response.Id, Code = score, Label = score, Value = value });
            made.Responses.Add(response);
        }

        private void Plan(Person person, Made made)
        {
            var started = Within(700);
            var agreed = random.NextDouble() < 0.8 ? started.AddDays(random.Next(0, 14)) : (DateTime?)null;
            if (agreed > now) agreed = null;
            var plan = new CarePlan
            {
                Id = Guid.NewGuid(), PersonId = person.Id, Status = agreed is null ? CarePlanStatus.Draft : CarePlanStatus.Agreed, Version = 1,
                AboutMe = "Synthetic plan.", ReviewOn = DateOnly.FromDateTime(started).AddMonths(6), StartedAt = started, StartedByUserId = _staff,
                StartedByName = "Synthetic clinician", UpdatedAt = started, AgreedVersion = agreed is null ? null : 1, AgreedAt = agreed, AgreedBy = agreed is null ? null : "the person",
            };
            plan.Goals.Add(new CarePlanGoal { Id = Guid.NewGuid(), PlanId = plan.Id, Position = 1, InMyWords = "Walk to the shops again", HowIWillKnow = "I can get there" });
            made.Plans.Add(plan);
            made.PlanVersions.Add(new CarePlanVersion
            {
                Id = Guid.NewGuid(), PlanId = plan.Id, Number = 1, SavedAt = started, SavedByUserId = _staff, SavedByName = "Synthetic clinician", Summary = "Plan started",
                Content = JsonSerializer.Serialize(new { plan.AboutMe }), AgreedAt = agreed, AgreedBy = plan.AgreedBy,
            });
        }

        private void Decide(Person person, Made made)
        {
            var started = Within(700);
            var option = aid.Options[random.Next(aid.Options.Count)];
            made.Decisions.Add(new SharedDecision
            {
                Id = Guid.NewGuid(), PersonId = person.Id, AidId = aid.Id, Title = aid.Title, ClinicianUserId = _staff, ClinicianName = "Synthetic clinician",
                PracticeId = person.GpPracticeId, StartedAt = started, Status = DecisionStatus.Decided, SureBeforeResponseId = Guid.NewGuid(), SureBefore = random.Next(0, 5),
                WhatMattersMost = "Synthetic.", ChosenOptionId = option.Id, ChosenOptionName = option.Name, DecidedAt = started.AddMinutes(20), SureAfter = random.Next(3, 5), Version = 1,
            });
        }

        private void Budget(Person person, Made made)
        {
            var starts = _today.AddDays(-random.Next(30, 700));
            var budget = new PersonalBudget
            {
                Id = Guid.NewGuid(), PersonId = person.Id, Right = random.NextDouble() < 0.7 ? BudgetRight.ContinuingHealthcare : BudgetRight.Offered,
                StartsOn = starts, EndsOn = starts.AddYears(1).AddDays(-1), CreatedAt = UkTime.StartOfDayUtc(starts), CreatedByName = "Synthetic budget officer",
                PlanApprovedAt = UkTime.StartOfDayUtc(starts), PlanApprovedBy = "Synthetic budget officer", Version = 1,
            };
            var funders = random.NextDouble() < 0.3 ? new[] { Funder.Nhs, Funder.SocialCare } : [Funder.Nhs];
            var book = new LedgerBook([]);
            foreach (var funder in funders)
            {
                var pence = random.Next(5_000, 40_000) * 100L;
                var stream = new FundingStream
                {
                    Id = Guid.NewGuid(), BudgetId = budget.Id, Funder = funder, FunderName = funder == Funder.Nhs ? "Synthetic ICB" : "Synthetic council",
                    AllocationPence = pence, StartsOn = budget.StartsOn, EndsOn = budget.EndsOn,
                };
                budget.Streams.Add(stream);
                budget.NotionalPence += pence;
                var item = new BudgetPlanItem
                {
                    Id = Guid.NewGuid(), BudgetId = budget.Id, StreamId = stream.Id, Position = budget.Items.Count + 1, Outcome = "Stay at home", What = "Personal assistant",
                    Category = "Personal care", FromWhom = "Synthetic agency", HowOften = "Weekly", UnitCostPence = pence / 52, Quantity = 52,
                };
                budget.Items.Add(item);
                book.Allocate(stream.Id, pence);
                var spends = Math.Min(12, (_today.DayNumber - starts.DayNumber) / 30);
                for (var i = 0; i < spends; i++)
                {
                    book.Spend(stream.Id, item.Id, HeldAs.Notional, Math.Min(pence / 13, book.Balance(LedgerAccounts.Available(stream.Id))));
                }
            }
            var at = UkTime.StartOfDayUtc(starts);
            foreach (var (entry, i) in book.Entries.Select((e, i) => (e, i)))
            {
                entry.BudgetId = budget.Id;
                entry.At = at.AddDays(i * 30);
                entry.On = DateOnly.FromDateTime(entry.At);
                entry.Description = entry.Kind.ToString();
                entry.ByUserId = _staff;
                entry.ByName = "Synthetic budget officer";
                entry.IdempotencyKey = entry.Id.ToString();
            }
            made.Budgets.Add(budget);
            made.Ledger.AddRange(book.Entries);
        }
    }
}
