using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Messaging;
using Upcare.Organisations;
using Upcare.Outcomes;
using Upcare.People;
using Upcare.Shared;

namespace Upcare.SocialPrescribing;

/// <summary>What a referrer enters.</summary>
public sealed class ReferralForm
{
    public string? Reason { get; set; }
    public List<string> Needs { get; set; } = [];
    public bool ConsentToContact { get; set; }
}

/// <summary>Thrown instead of making a second open referral for one person: the existing one is shown instead.</summary>
public sealed class OpenReferralExistsException(Guid referralId) : Exception("This person already has an open social prescribing referral.")
{
    public Guid ReferralId { get; } = referralId;
}

/// <summary>A referral on a caseload list, with whether its first contact is overdue.</summary>
public sealed record CaseloadReferral(SocialPrescribingReferral Referral, string PersonName, string NhsNumber, bool FirstContactOverdue);

/// <summary>One link worker's load: people taken on in the last year against the safe maximum, and who is open now.</summary>
public sealed record LinkWorkerLoad(Guid UserId, string Name, int TakenOnInYear, int SafeMaximum, IReadOnlyList<CaseloadReferral> Open)
{
    public bool OverSafeMaximum => TakenOnInYear > SafeMaximum;
}

/// <summary>The wellbeing questionnaire before and after, as recorded since the referral.</summary>
public sealed record WellbeingBeforeAfter(string InstrumentCode, string InstrumentName, CompletedMeasure? Before, CompletedMeasure? After);

/// <summary>
/// The social prescribing service's side of a referral: receiving it (from a clinician, other staff or the person),
/// the link worker taking it on, contacts, what matters, the wellbeing measure before and after, and the discharge
/// with its summary back to the referrer and the GP practice.
/// </summary>
public class SocialPrescribingService(
    UpcareDbContext db, PersonAccess access, CaseloadService caseloads, ServiceDirectory.DirectorySearch directory, OrganisationService organisations, OutcomeService outcomes,
    Notifications notifications, Outbox outbox, WorkingDays workingDays, TimeProvider clock, IOptions<SocialPrescribingOptions> options)
{
    private SocialPrescribingOptions Options => options.Value;
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The directory's needs a referrer can choose from.</summary>
    public Task<List<ServiceDirectory.TaxonomyTerm>> NeedChoicesAsync(CancellationToken ct = default) => directory.NeedsAsync(ct);

    /// <summary>The person's open referral, if any.</summary>
    public Task<SocialPrescribingReferral?> OpenReferralAsync(Guid personId, CancellationToken ct = default) =>
        db.SocialPrescribingReferrals.AsNoTracking().FirstOrDefaultAsync(r => r.PersonId == personId && r.Status != SocialPrescribingStatus.Discharged, ct);

    /// <summary>
    /// Refers a person to their PCN's social prescribing service. Staff need a care relationship with the person; a
    /// person may refer only themselves. A second open referral is refused with the existing one.
    /// </summary>
    public async Task<SocialPrescribingReferral> ReferAsync(Guid personId, ReferralForm form, CancellationToken ct = default)
    {
        var self = User.Role == UserRole.Person;
        if (self ? User.PersonId != personId : !(await access.DecideAsync(personId, AccessPurpose.Write, ct)).Allowed)
        {
            throw new UnauthorizedAccessException("No care relationship with this person");
        }
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct) ?? throw new KeyNotFoundException();
        var v = new Validation();
        var reason = v.Required(nameof(ReferralForm.Reason), form.Reason,
            self ? "Tell us what you would like help with" : "Enter the reason for the referral", 2000, "Reason");
        var chosen = form.Needs.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().ToList();
        var needs = (await NeedChoicesAsync(ct)).Where(n => chosen.Contains(n.Code)).ToList();
        if (needs.Count == 0 || needs.Count != chosen.Count)
        {
            // A need that is not on the list is told so, even when none of the chosen needs is known.
            v.Add(nameof(ReferralForm.Needs), chosen.Count == 0 ? "Select at least one need" : "Choose needs from the list");
        }
        if (!form.ConsentToContact)
        {
            v.Add(nameof(ReferralForm.ConsentToContact), self
                ? "Tick the box to say a link worker may contact you: they cannot help without it"
                : "A link worker can only contact people who agree to it. Ask the person, then tick the box");
        }
        var practice = person.GpPracticeId is { } practiceId ? await organisations.FindAsync(practiceId, ct) : null;
        if (practice?.ParentId is not { } pcnId)
        {
            v.Add(nameof(ReferralForm.Reason), $"{person.FullName} is not registered with a GP practice in a primary care network here, so there is no social prescribing service to refer to");
            pcnId = Guid.Empty;
        }
        v.ThrowIfInvalid();
        if (await OpenReferralAsync(personId, ct) is { } open)
        {
            throw new OpenReferralExistsException(open.Id);
        }

        var today = UkTime.Today(clock);
        var referral = new SocialPrescribingReferral
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            PcnId = pcnId,
            Source = self ? ReferralSource.SelfReferral : User.Role == UserRole.Clinician ? ReferralSource.Clinician : ReferralSource.OtherStaff,
            ReferredByUserId = User.Id!.Value,
            ReferredByName = User.Name,
            ReferrerOrganisationId = self ? null : User.OrganisationId,
            Reason = reason!,
            ConsentToContact = true,
            ReceivedAt = Now,
            Status = SocialPrescribingStatus.New,
            FirstContactDue = workingDays.Add(today, Options.FirstContactWorkingDays),
            Version = 1,
        };
        referral.Needs.AddRange(needs.Select(n => new ReferralNeed { ReferralId = referral.Id, Code = n.Code, Name = n.Name }));
        db.SocialPrescribingReferrals.Add(referral);
        await notifications.AddToOrganisationAsync(pcnId, UserRole.LinkWorker,
            $"New social prescribing referral for {person.FullName}: {string.Join(", ", needs.Select(n => n.Name))}", "/social-prescribing", ct);
        outbox.Stage(person, "You have been referred to a social prescribing link worker",
            $"Dear {person.GivenName}, {(self ? "thank you for referring yourself" : $"{User.Name} has referred you")} to a social prescribing link worker. " +
            $"A link worker will contact you by {UkTime.FormatDate(referral.FirstContactDue)} to talk about what matters to you.",
            $"sp-referral:{referral.Id}");
        access.Stage(personId, "social-prescribing-referral", "POST refer to social prescribing", $"Referred to social prescribing ({SocialPrescribingReferral.SnomedReferral}) by {User.Name}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Referred by someone else at the same moment: the one-open-referral index kept theirs, and this referrer is
            // shown it, as if they had come a moment later.
            db.ChangeTracker.Clear();
            if (await OpenReferralAsync(personId, ct) is { } first)
            {
                throw new OpenReferralExistsException(first.Id);
            }
            throw;
        }
        return referral;
    }

    /// <summary>A referral with its needs and contacts; null when it is not this person's.</summary>
    public Task<SocialPrescribingReferral?> GetAsync(Guid personId, Guid referralId, CancellationToken ct = default) =>
        db.SocialPrescribingReferrals.AsNoTracking().AsSplitQuery().Include(r => r.Needs).Include(r => r.Contacts.OrderByDescending(c => c.At))
            .FirstOrDefaultAsync(r => r.Id == referralId && r.PersonId == personId, ct);

    /// <summary>A person's referrals, newest first.</summary>
    public Task<List<SocialPrescribingReferral>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.SocialPrescribingReferrals.AsNoTracking().Include(r => r.Needs).Where(r => r.PersonId == personId).OrderByDescending(r => r.ReceivedAt).ToListAsync(ct);

    /// <summary>
    /// The link worker's list: new referrals to their PCN that nobody has taken on, and their own, by status. New
    /// referrals show only the name, NHS number and reason until taken on.
    /// </summary>
    public async Task<List<CaseloadReferral>> CaseloadAsync(CancellationToken ct = default)
    {
        var me = User.Id;
        var pcn = User.OrganisationId;
        var today = UkTime.Today(clock);
        var since = Now.AddDays(-90);
        var rows = await db.SocialPrescribingReferrals.AsNoTracking().Include(r => r.Needs)
            .Where(r => (r.Status == SocialPrescribingStatus.New && r.PcnId == pcn)
                || (r.LinkWorkerUserId == me && (r.Status != SocialPrescribingStatus.Discharged || r.DischargedAt > since)))
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r, p.GivenName, p.FamilyName, p.NhsNumber })
            .ToListAsync(ct);
        return rows.Select(x => new CaseloadReferral(x.r, $"{x.GivenName} {x.FamilyName}", x.NhsNumber,
                x.r.FirstContactAt is null && x.r.Status != SocialPrescribingStatus.Discharged && x.r.FirstContactDue < today))
            .OrderByDescending(x => x.FirstContactOverdue).ThenBy(x => x.Referral.ReceivedAt)
            .ToList();
    }

    /// <summary>
    /// For a team lead: each link worker of their PCN with the people they took on in the last 12 months (against the
    /// safe maximum) and their open referrals.
    /// </summary>
    public async Task<List<LinkWorkerLoad>> TeamAsync(CancellationToken ct = default)
    {
        if (User.OrganisationId is not { } pcn)
        {
            return [];
        }
        var linkWorkers = await db.Users.AsNoTracking().Where(u => u.Role == UserRole.LinkWorker && u.OrganisationId == pcn && u.DeactivatedAt == null)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var yearAgo = Now.AddYears(-1);
        var today = UkTime.Today(clock);
        var ids = linkWorkers.Select(l => l.Id).Cast<Guid?>().ToList();
        var referrals = await db.SocialPrescribingReferrals.AsNoTracking().Include(r => r.Needs)
            .Where(r => r.PcnId == pcn && ids.Contains(r.LinkWorkerUserId) && (r.Status != SocialPrescribingStatus.Discharged || r.TakenOnAt > yearAgo))
            .Join(db.People, r => r.PersonId, p => p.Id, (r, p) => new { r, p.GivenName, p.FamilyName, p.NhsNumber })
            .ToListAsync(ct);
        return linkWorkers.Select(l =>
        {
            var mine = referrals.Where(x => x.r.LinkWorkerUserId == l.Id).ToList();
            return new LinkWorkerLoad(l.Id, l.DisplayName, mine.Count(x => x.r.TakenOnAt > yearAgo), Options.SafeCaseloadPerYear,
                mine.Where(x => x.r.Status != SocialPrescribingStatus.Discharged)
                    .Select(x => new CaseloadReferral(x.r, $"{x.GivenName} {x.FamilyName}", x.NhsNumber, x.r.FirstContactAt is null && x.r.FirstContactDue < today))
                    .OrderBy(x => x.PersonName).ToList());
        }).ToList();
    }

    /// <summary>
    /// A team lead moves an open referral to another link worker of the PCN: the person moves between their caseloads,
    /// and both link workers are told.
    /// </summary>
    public async Task<SocialPrescribingReferral> ReassignAsync(Guid referralId, int version, Guid? toUserId, CancellationToken ct = default)
    {
        var referral = await db.SocialPrescribingReferrals.FirstOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new KeyNotFoundException();
        if (User.Role != UserRole.LinkWorkerManager || referral.PcnId != User.OrganisationId)
        {
            throw new UnauthorizedAccessException("Only the team lead of the person's PCN can reassign this referral");
        }
        var to = toUserId is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id && u.Role == UserRole.LinkWorker && u.OrganisationId == referral.PcnId && u.DeactivatedAt == null)
                .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct)
            : null;
        if (to is null)
        {
            throw Refused("Choose a link worker of this PCN");
        }
        if (referral.Status == SocialPrescribingStatus.Discharged)
        {
            throw Refused("This person has been discharged, so there is nothing to reassign");
        }
        if (referral.LinkWorkerUserId == to.Id)
        {
            throw Refused($"{to.DisplayName} already has this referral");
        }
        CheckVersion(referral, version);
        var from = referral.LinkWorkerUserId;
        if (from is { } previous)
        {
            await caseloads.StageEndAsync(previous, referral.PersonId, ct);
            notifications.Add(previous, "A referral on your caseload has been reassigned by your team lead", "/social-prescribing");
        }
        await caseloads.StageAsync(to.Id, referral.PersonId, ct);
        referral.LinkWorkerUserId = to.Id;
        referral.LinkWorkerName = to.DisplayName;
        if (referral.Status == SocialPrescribingStatus.New)
        {
            referral.Status = SocialPrescribingStatus.WaitingForFirstContact;
            referral.TakenOnAt = Now;
        }
        notifications.Add(to.Id, "Your team lead has given you a social prescribing referral", $"/people/{referral.PersonId}/social-prescribing/{referral.Id}");
        access.Stage(referral.PersonId, "social-prescribing-reassigned", "POST /social-prescribing/team", $"Reassigned to {to.DisplayName} by {User.Name}");
        await SaveAsync(referral, ct);
        return referral;
    }

    /// <summary>A link worker takes on a new referral to their PCN: it joins their caseload.</summary>
    public async Task<SocialPrescribingReferral> TakeOnAsync(Guid referralId, int version, CancellationToken ct = default)
    {
        var referral = await db.SocialPrescribingReferrals.FirstOrDefaultAsync(r => r.Id == referralId, ct) ?? throw new KeyNotFoundException();
        if (User.Role != UserRole.LinkWorker || referral.PcnId != User.OrganisationId)
        {
            throw new UnauthorizedAccessException("Only a link worker of the person's PCN can take on this referral");
        }
        if (referral.Status != SocialPrescribingStatus.New)
        {
            throw Refused(referral.LinkWorkerUserId == User.Id ? "You have already taken on this referral" : $"{referral.LinkWorkerName} has already taken on this referral");
        }
        CheckVersion(referral, version);
        referral.Status = SocialPrescribingStatus.WaitingForFirstContact;
        referral.LinkWorkerUserId = User.Id;
        referral.LinkWorkerName = User.Name;
        referral.TakenOnAt = Now;
        await caseloads.StageAsync(User.Id!.Value, referral.PersonId, ct);
        access.Stage(referral.PersonId, "social-prescribing-taken-on", "POST /social-prescribing", $"Taken on by link worker {User.Name}");
        await SaveAsync(referral, ct);
        return referral;
    }

    /// <summary>Records a contact with the person; the first one makes the referral active.</summary>
    public async Task<LinkWorkerContact> RecordContactAsync(Guid personId, Guid referralId, int version, ContactMode? mode, string? minutes, DateParts date, string? note, CancellationToken ct = default)
    {
        var referral = await WorkingReferralAsync(personId, referralId, version, ct);
        var v = new Validation();
        if (mode is null)
        {
            v.Add("Mode", "Select how you were in touch");
        }
        var on = DateOnly.MinValue;
        if (!date.TryParse("Date of the contact", out on, out var dateError))
        {
            v.Add("Date", dateError!);
        }
        else if (on > UkTime.Today(clock))
        {
            v.Add("Date", "Date of the contact must be today or in the past");
        }
        else if (on < DateOnly.FromDateTime(referral.ReceivedAt))
        {
            v.Add("Date", "Date of the contact must be on or after the day the referral arrived");
        }
        if (!int.TryParse(minutes, out var length) || length is < 1 or > 600)
        {
            v.Add("Minutes", "Enter how long it took in minutes, a whole number from 1 to 600");
        }
        var text = v.Optional("Note", note, 2000, "Note");
        v.ThrowIfInvalid();
        var contact = new LinkWorkerContact
        {
            Id = Guid.NewGuid(), ReferralId = referral.Id, At = on.ToDateTime(TimeOnly.FromDateTime(UkTime.ToUk(Now).DateTime), DateTimeKind.Unspecified).ToUniversalTime(),
            Mode = mode!.Value, Minutes = length, Note = text, ByUserId = User.Id!.Value, ByName = User.Name,
        };
        db.LinkWorkerContacts.Add(contact);
        if (referral.Status == SocialPrescribingStatus.WaitingForFirstContact)
        {
            referral.Status = SocialPrescribingStatus.Active;
            referral.FirstContactAt = contact.At;
        }
        await SaveAsync(referral, ct);
        return contact;
    }

    /// <summary>Records what matters to the person, in their own words.</summary>
    public async Task RecordWhatMattersAsync(Guid personId, Guid referralId, int version, string? text, CancellationToken ct = default)
    {
        var referral = await WorkingReferralAsync(personId, referralId, version, ct);
        var v = new Validation();
        var words = v.Required("WhatMatters", text, "Write down what matters to them, in their words", 4000, "What matters");
        v.ThrowIfInvalid();
        referral.WhatMatters = words;
        await SaveAsync(referral, ct);
    }

    /// <summary>The wellbeing questionnaire this person's PCN uses.</summary>
    public async Task<string> WellbeingInstrumentAsync(SocialPrescribingReferral referral, CancellationToken ct = default)
    {
        var pcn = await organisations.FindAsync(referral.PcnId, ct);
        return pcn is not null && Options.WellbeingInstrumentByPcn.TryGetValue(pcn.Code, out var code) ? code : Options.WellbeingInstrument;
    }

    /// <summary>The first and the latest wellbeing questionnaire since the referral arrived.</summary>
    public async Task<WellbeingBeforeAfter> WellbeingAsync(SocialPrescribingReferral referral, CancellationToken ct = default)
    {
        var code = await WellbeingInstrumentAsync(referral, ct);
        var responses = await outcomes.CompletedSinceAsync(referral.PersonId, code, referral.ReceivedAt, ct);
        var until = referral.DischargedAt ?? DateTime.MaxValue;
        var inWork = responses.Where(r => r.CompletedAt <= until).ToList();
        return new WellbeingBeforeAfter(code, outcomes.Catalogue.Find(code)?.Name ?? code, inWork.FirstOrDefault(), inWork.Count > 1 ? inWork[^1] : null);
    }

    /// <summary>
    /// Discharges the person with a reason; a summary goes back to the referrer and the GP practice: what matters, what
    /// was done, and the wellbeing questionnaire before and after.
    /// </summary>
    public async Task<SocialPrescribingReferral> DischargeAsync(Guid personId, Guid referralId, int version, DischargeReason? reason, string? note, CancellationToken ct = default)
    {
        var referral = await WorkingReferralAsync(personId, referralId, version, ct);
        var v = new Validation();
        if (reason is null)
        {
            v.Add("Reason", "Select why they are leaving social prescribing");
        }
        var text = v.Optional("Note", note, 2000, "Note");
        v.ThrowIfInvalid();
        referral.Status = SocialPrescribingStatus.Discharged;
        referral.DischargedAt = Now;
        referral.DischargeReason = reason;
        referral.DischargeNote = text;
        referral.DischargeCode = reason == SocialPrescribing.DischargeReason.Declined && !string.IsNullOrWhiteSpace(Options.DeclinedCode) ? Options.DeclinedCode : null;
        var wellbeing = await WellbeingAsync(referral, ct);
        referral.BaselineResponseId = wellbeing.Before?.ResponseId;
        referral.FollowUpResponseId = wellbeing.After?.ResponseId;
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == referral.PersonId, ct);
        var summary = await SummaryAsync(referral, person, wellbeing, ct);
        db.GpSummaries.Add(new GpSummary
        {
            Id = Guid.NewGuid(), ReferralId = referral.Id, PersonId = referral.PersonId, PracticeId = person.GpPracticeId,
            ReferrerUserId = referral.Source == ReferralSource.SelfReferral ? null : referral.ReferredByUserId, CreatedAt = Now, Text = summary,
        });
        if (referral.Source != ReferralSource.SelfReferral)
        {
            notifications.Add(referral.ReferredByUserId, $"{person.FullName} has finished social prescribing: the link worker's summary is on their record",
                $"/people/{person.Id}/social-prescribing/{referral.Id}");
        }
        access.Stage(referral.PersonId, "social-prescribing-discharged", "POST discharge", $"Discharged: {Describe(reason!.Value)}");
        await SaveAsync(referral, ct);
        return referral;
    }

    /// <summary>The summaries sent back to the person's practice and referrer, newest first.</summary>
    public Task<List<GpSummary>> SummariesAsync(Guid personId, CancellationToken ct = default) =>
        db.GpSummaries.AsNoTracking().Where(s => s.PersonId == personId).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);

    public static string Describe(DischargeReason reason) => reason switch
    {
        SocialPrescribing.DischargeReason.GoalsMet => "Goals met",
        SocialPrescribing.DischargeReason.Declined => "Declined social prescribing",
        SocialPrescribing.DischargeReason.MovedAway => "Moved away",
        _ => "Could not be contacted",
    };

    public static string Describe(ContactMode mode) => mode switch
    {
        ContactMode.FaceToFace => "Face to face",
        ContactMode.Phone => "Phone",
        ContactMode.Video => "Video",
        _ => "Home visit",
    };

    public static string Describe(SocialPrescribingStatus status) => status switch
    {
        SocialPrescribingStatus.New => "New",
        SocialPrescribingStatus.WaitingForFirstContact => "Waiting for first contact",
        SocialPrescribingStatus.Active => "Active",
        _ => "Discharged",
    };

    // The PRSB "message back to GP and referrer", in plain words.
    private async Task<string> SummaryAsync(SocialPrescribingReferral referral, Person person, WellbeingBeforeAfter wellbeing, CancellationToken ct)
    {
        var contacts = await db.LinkWorkerContacts.AsNoTracking().Where(c => c.ReferralId == referral.Id).ToListAsync(ct);
        var onward = await db.CommunityReferrals.AsNoTracking().Where(c => c.SocialPrescribingReferralId == referral.Id).OrderBy(c => c.SentAt).ToListAsync(ct);
        string Scores(CompletedMeasure m) => string.Join(", ", m.Scores.Select(s => $"{s.Label} {s.Value:0.##}"));
        var lines = new List<string>
        {
            $"Social prescribing summary for {person.FullName} (NHS number {NhsNumber.Parse(person.NhsNumber).Formatted})",
            $"Referred on {UkTime.FormatDate(DateOnly.FromDateTime(referral.ReceivedAt))} by {referral.ReferredByName}: {referral.Reason}",
            $"Link worker: {referral.LinkWorkerName}. Discharged on {UkTime.FormatDate(DateOnly.FromDateTime(referral.DischargedAt!.Value))}: {Describe(referral.DischargeReason!.Value)}.",
            $"What matters to {person.GivenName}: {referral.WhatMatters ?? "not recorded"}",
            $"Contacts: {contacts.Count}, {contacts.Sum(c => c.Minutes)} minutes in all.",
            onward.Count == 0 ? "No referrals to community services." : "Community services: " + string.Join("; ", onward.Select(c => $"{c.ServiceName} ({ClosedLoop.Label(c.Status).ToLowerInvariant()})")),
            wellbeing.Before is null ? $"{wellbeing.InstrumentName}: not recorded."
                : wellbeing.After is null ? $"{wellbeing.InstrumentName} at the start: {Scores(wellbeing.Before)}; not repeated."
                : $"{wellbeing.InstrumentName} at the start: {Scores(wellbeing.Before)}. At the end: {Scores(wellbeing.After)}.",
        };
        if (referral.DischargeNote is not null)
        {
            lines.Add($"Note: {referral.DischargeNote}");
        }
        return string.Join("\n", lines);
    }

    /// <summary>The referral, tracked, for its own link worker to change: not discharged, the version they saw.</summary>
    private async Task<SocialPrescribingReferral> WorkingReferralAsync(Guid personId, Guid referralId, int version, CancellationToken ct)
    {
        var referral = await db.SocialPrescribingReferrals.FirstOrDefaultAsync(r => r.Id == referralId && r.PersonId == personId, ct) ?? throw new KeyNotFoundException();
        if (referral.LinkWorkerUserId != User.Id)
        {
            throw new UnauthorizedAccessException("Only the link worker who took on this referral can change it");
        }
        if (referral.Status == SocialPrescribingStatus.Discharged)
        {
            throw Refused("This person has been discharged from social prescribing, so the record cannot change");
        }
        CheckVersion(referral, version);
        return referral;
    }

    private static void CheckVersion(SocialPrescribingReferral referral, int version)
    {
        if (referral.Version != version)
        {
            throw new EditConflictException();
        }
    }

    private static ValidationFailedException Refused(string why) => new([new FieldError("", why)]);

    private async Task SaveAsync(SocialPrescribingReferral referral, CancellationToken ct)
    {
        referral.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new EditConflictException();
        }
    }
}
