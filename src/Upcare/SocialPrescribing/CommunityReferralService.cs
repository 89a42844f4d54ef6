using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.Messaging;
using Upcare.ServiceDirectory;
using Upcare.Shared;

namespace Upcare.SocialPrescribing;

/// <summary>What a link worker enters to refer a person to a community service.</summary>
public sealed class CommunityReferralForm
{
    /// <summary>From the form as it was first shown, so a second click sends nothing more.</summary>
    public Guid SendKey { get; set; }

    public bool ConsentToShare { get; set; }
    public bool SharePhone { get; set; }
    public bool ShareEmail { get; set; }
    public string? Note { get; set; }
}

/// <summary>Thrown when the referral changed since the user saw it; says what it is now.</summary>
public sealed class ReferralChangedException(CommunityReferralStatus now) : Exception("The referral changed since it was shown.")
{
    public CommunityReferralStatus Now { get; } = now;
}

/// <summary>
/// Closed-loop referrals to community services: the link worker sends one with what the person agreed to share; the
/// organisation that runs the service accepts or declines it and records the person starting, attending and finishing;
/// either side may cancel, and the person may say they no longer want it. Every change is checked against
/// <see cref="ClosedLoop"/>, attributed, kept in the history, audited, and told to the people involved.
/// </summary>
public class CommunityReferralService(
    UpcareDbContext db, PersonAccess access, DirectorySearch directory, Notifications notifications, Outbox outbox, WorkingDays workingDays, TimeProvider clock,
    IOptions<SocialPrescribingOptions> options)
{
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Sends a referral to a directory service. Sending the same form twice sends once.</summary>
    public async Task<CommunityReferral> SendAsync(Guid personId, Guid referralId, Guid serviceId, CommunityReferralForm form, CancellationToken ct = default)
    {
        if (form.SendKey != Guid.Empty && await db.CommunityReferrals.AsNoTracking().FirstOrDefaultAsync(c => c.SendKey == form.SendKey, ct) is { } already)
        {
            return already;
        }
        var referral = await db.SocialPrescribingReferrals.AsNoTracking().FirstOrDefaultAsync(r => r.Id == referralId && r.PersonId == personId, ct)
            ?? throw new KeyNotFoundException();
        if (referral.LinkWorkerUserId != User.Id)
        {
            throw new UnauthorizedAccessException("Only the person's link worker can refer them on");
        }
        var (service, organisation, _, _, _) = await directory.GetAsync(serviceId, ct) ?? throw new KeyNotFoundException();
        var person = await db.People.AsNoTracking().FirstAsync(p => p.Id == personId, ct);
        var v = new Validation();
        if (referral.Status == SocialPrescribingStatus.Discharged)
        {
            v.Add("", $"{person.FullName} has been discharged from social prescribing: refer them again first");
        }
        if (service.Status != ServiceStatus.Active || service.Availability != ServiceAvailability.TakingReferrals)
        {
            var state = service.Availability == ServiceAvailability.Full ? "full" : "paused";
            v.Add("", $"{service.Name} is {state}{(service.ReopensOn is { } d ? $" until {UkTime.FormatDate(d)}" : "")} and is not taking referrals. Choose another service, or wait until it re-opens");
        }
        if (!form.ConsentToShare)
        {
            v.Add(nameof(CommunityReferralForm.ConsentToShare), $"{person.GivenName} must agree to share their details with {organisation} before you refer them. Ask them, then tick the box");
        }
        if (form.SharePhone && string.IsNullOrWhiteSpace(person.Phone))
        {
            v.Add(nameof(CommunityReferralForm.SharePhone), $"There is no phone number on {person.GivenName}'s record to share");
        }
        if (form.ShareEmail && string.IsNullOrWhiteSpace(person.Email))
        {
            v.Add(nameof(CommunityReferralForm.ShareEmail), $"There is no email address on {person.GivenName}'s record to share");
        }
        var note = v.Optional(nameof(CommunityReferralForm.Note), form.Note, 2000, "What they agreed to share");
        var alreadyOpen = $"{person.GivenName} already has an open referral to {service.Name}";
        if (await OpenToServiceAsync(personId, serviceId, ct))
        {
            v.Add("", alreadyOpen);
        }
        v.ThrowIfInvalid();

        var community = new CommunityReferral
        {
            Id = Guid.NewGuid(), SocialPrescribingReferralId = referral.Id, PersonId = personId, ServiceId = service.Id, ServiceName = service.Name,
            OrganisationId = service.OrganisationId, SentByUserId = User.Id!.Value, SentByName = User.Name, SentAt = Now, ConsentToShare = true,
            SharedName = person.FullName, SharedPhone = form.SharePhone ? person.Phone : null, SharedEmail = form.ShareEmail ? person.Email : null, SharedNote = note,
            Status = CommunityReferralStatus.Requested, StatusAt = Now, RespondBy = workingDays.Add(UkTime.Today(clock), options.Value.ResponseWorkingDays),
            SendKey = form.SendKey == Guid.Empty ? Guid.NewGuid() : form.SendKey, Version = 1,
        };
        db.CommunityReferrals.Add(community);
        db.ReferralEvents.Add(Event(community, ReferralParty.Requester, null, CommunityReferralStatus.Requested, null));
        await notifications.AddToOrganisationAsync(service.OrganisationId, UserRole.VcseWorker,
            $"New referral to {service.Name} for {person.FullName}: please accept or decline by {UkTime.FormatDate(community.RespondBy)}", $"/community-referrals/{community.Id}", ct);
        outbox.Stage(person, $"You have been referred to {service.Name}",
            $"Dear {person.GivenName}, your link worker {User.Name} has referred you to {service.Name} ({organisation}). They will be in touch. " +
            $"You can see how it is going on Upcare under 'Your referrals'.", $"community-referral:{community.Id}");
        access.Stage(personId, "community-referral-sent", "POST community referral",
            $"Referred to {service.Name} ({organisation}), sharing: name{(community.SharedPhone is null ? "" : ", phone")}{(community.SharedEmail is null ? "" : ", email")}{(note is null ? "" : ", a note")}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same form sent twice at once: the unique send key kept the first. Another referral to the same service
            // at the same moment: the one-open-referral index kept the first, and this one is told what a later one would be.
            db.ChangeTracker.Clear();
            if (await db.CommunityReferrals.AsNoTracking().FirstOrDefaultAsync(c => c.SendKey == community.SendKey, ct) is { } first)
            {
                return first;
            }
            if (await OpenToServiceAsync(personId, serviceId, ct))
            {
                throw new ValidationFailedException([new FieldError("", alreadyOpen)]);
            }
            throw;
        }
        return community;
    }

    private Task<bool> OpenToServiceAsync(Guid personId, Guid serviceId, CancellationToken ct) =>
        db.CommunityReferrals.AsNoTracking()
            .Where(c => c.PersonId == personId && c.ServiceId == serviceId)
            .Where(c => c.Status == CommunityReferralStatus.Requested || c.Status == CommunityReferralStatus.Accepted
                || c.Status == CommunityReferralStatus.InProgress || c.Status == CommunityReferralStatus.OnHold)
            .AnyAsync(ct);

    /// <summary>Which side the signed-in user is on for this referral, or null when they have no part in it.</summary>
    public async Task<ReferralParty?> PartyAsync(CommunityReferral referral, CancellationToken ct = default)
    {
        switch (User.Role)
        {
            case UserRole.VcseWorker when User.OrganisationId == referral.OrganisationId:
                return ReferralParty.Responder;
            case UserRole.LinkWorker:
                return await LinkWorkerOfAsync(referral, ct) == User.Id ? ReferralParty.Requester : null;
            case UserRole.Person when User.PersonId == referral.PersonId:
                return ReferralParty.Requester;
            default:
                return null;
        }
    }

    /// <summary>One referral with its history, for someone who has a part in it; null otherwise (shown as not found).</summary>
    public async Task<(CommunityReferral Referral, ReferralParty Party)?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var referral = await db.CommunityReferrals.AsNoTracking().Include(c => c.Events.OrderBy(e => e.At)).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (referral is null || await PartyAsync(referral, ct) is not { } party)
        {
            if (referral is not null)
            {
                await access.RecordAsync(referral.PersonId, "community-referral-read", "GET community referral", AuditOutcome.Refused, "No part in this referral");
            }
            return null;
        }
        await access.RecordAsync(referral.PersonId, "community-referral-read", "GET community referral", AuditOutcome.Allowed, $"Read as {party.ToString().ToLowerInvariant()}");
        return (referral, party);
    }

    /// <summary>The referral as FHIR (ServiceRequest and Task), for someone with a part in it; null otherwise.</summary>
    public async Task<string?> FhirAsync(Guid id, CancellationToken ct = default)
    {
        if (await GetAsync(id, ct) is not { } found)
        {
            return null;
        }
        var referral = found.Referral;
        var nhsNumber = await db.People.AsNoTracking().Where(p => p.Id == referral.PersonId).Select(p => p.NhsNumber).FirstAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == referral.OrganisationId).Select(o => o.Name).FirstAsync(ct);
        return ReferralFhir.ToJson(referral, nhsNumber, organisation);
    }

    /// <summary>Referrals to the signed-in VCSE worker's organisation, open ones first.</summary>
    public Task<List<CommunityReferral>> ForOrganisationAsync(CancellationToken ct = default)
    {
        var organisation = User.OrganisationId;
        return db.CommunityReferrals.AsNoTracking().Where(c => c.OrganisationId == organisation)
            .OrderBy(c => c.Status == CommunityReferralStatus.Requested ? 0 : c.Status == CommunityReferralStatus.Accepted || c.Status == CommunityReferralStatus.InProgress || c.Status == CommunityReferralStatus.OnHold ? 1 : 2)
            .ThenByDescending(c => c.SentAt).Take(500).ToListAsync(ct);
    }

    /// <summary>A person's referrals to community services, newest first, with their history.</summary>
    public Task<List<CommunityReferral>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.CommunityReferrals.AsNoTracking().Include(c => c.Events.OrderBy(e => e.At)).Where(c => c.PersonId == personId).OrderByDescending(c => c.SentAt).ToListAsync(ct);

    /// <summary>The referrals made from one social prescribing referral.</summary>
    public Task<List<CommunityReferral>> ForReferralAsync(Guid referralId, CancellationToken ct = default) =>
        db.CommunityReferrals.AsNoTracking().Include(c => c.Events.OrderBy(e => e.At)).Where(c => c.SocialPrescribingReferralId == referralId).OrderByDescending(c => c.SentAt).ToListAsync(ct);

    /// <summary>
    /// Moves a referral to <paramref name="to"/>, if the user's side may, from where it is now, with a reason where it
    /// ends (a decline: one from the list, with words optional); refused if it changed since the user saw version
    /// <paramref name="version"/>.
    /// </summary>
    public async Task<CommunityReferral> ChangeStatusAsync(Guid id, CommunityReferralStatus to, string? reason, string? declineReason, int version, CancellationToken ct = default)
    {
        var referral = await db.CommunityReferrals.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new KeyNotFoundException();
        var party = await PartyAsync(referral, ct) ?? throw new UnauthorizedAccessException("No part in this referral");
        if (User.Role == UserRole.Person && to != CommunityReferralStatus.Cancelled)
        {
            throw new ValidationFailedException([new FieldError("", "You can say you no longer want a referral; the organisation and your link worker record the rest")]);
        }
        if (referral.Version != version)
        {
            throw new ReferralChangedException(referral.Status);
        }
        var v = new Validation();
        if (ClosedLoop.Refusal(referral.Status, to, party) is { } refusal)
        {
            v.Add("", refusal);
        }
        DeclineReason? declined = null;
        if (to == CommunityReferralStatus.Rejected && (declined = DeclineReasons.Parse(declineReason)) is null)
        {
            v.Add("DeclineReason", string.IsNullOrWhiteSpace(declineReason) ? "Select why you are declining the referral" : DeclineReasons.Unknown(declineReason));
        }
        var why = ClosedLoop.NeedsReason(to) && to != CommunityReferralStatus.Rejected
            ? v.Required("Reason", reason, $"Give a reason for marking the referral as {ClosedLoop.Label(to).ToLowerInvariant()}", 1000, "Reason")
            : v.Optional("Reason", reason, 1000, "Reason");
        v.ThrowIfInvalid();
        var from = referral.Status;
        referral.Status = to;
        if (declined is { } code)
        {
            why = why is null ? DeclineReasons.Label(code) : $"{DeclineReasons.Label(code)}: {why}";
        }
        referral.StatusReason = why;
        referral.DeclineReason = declined;
        referral.StatusAt = Now;
        referral.Version++;
        db.ReferralEvents.Add(Event(referral, party, from, to, why));
        await NotifyAsync(referral, party, $"{referral.ServiceName} for {referral.SharedName}: {ClosedLoop.Label(to).ToLowerInvariant()}{(why is null ? "" : $" ({why})")}", to, ct);
        access.Stage(referral.PersonId, "community-referral-status", "POST community referral status",
            $"{ClosedLoop.Label(from)} → {ClosedLoop.Label(to)} by the {party.ToString().ToLowerInvariant()}{(why is null ? "" : $": {why}")}");
        await SaveAsync(referral, ct);
        return referral;
    }

    /// <summary>The organisation records a session the person came to.</summary>
    public async Task RecordAttendanceAsync(Guid id, int version, DateParts date, CancellationToken ct = default)
    {
        var referral = await db.CommunityReferrals.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new KeyNotFoundException();
        if (await PartyAsync(referral, ct) != ReferralParty.Responder)
        {
            throw new UnauthorizedAccessException("Only the organisation records attendance");
        }
        if (referral.Version != version)
        {
            throw new ReferralChangedException(referral.Status);
        }
        var v = new Validation();
        if (referral.Status is not (CommunityReferralStatus.Accepted or CommunityReferralStatus.InProgress))
        {
            v.Add("", $"Attendance can be recorded once the referral is accepted; it is {ClosedLoop.Label(referral.Status).ToLowerInvariant()}");
        }
        if (!date.TryParse("Date of the session", out var on, out var error))
        {
            v.Add("Date", error!);
        }
        else if (on > UkTime.Today(clock))
        {
            v.Add("Date", "Date of the session must be today or in the past");
        }
        v.ThrowIfInvalid();
        var from = referral.Status;
        if (from == CommunityReferralStatus.Accepted)
        {
            // Coming to a session means they have started.
            referral.Status = CommunityReferralStatus.InProgress;
            referral.StatusAt = Now;
            db.ReferralEvents.Add(Event(referral, ReferralParty.Responder, from, CommunityReferralStatus.InProgress, null));
        }
        referral.Version++;
        var evt = Event(referral, ReferralParty.Responder, null, null, $"Came to a session on {UkTime.FormatDate(on)}");
        evt.Kind = ReferralEventKind.Attended;
        db.ReferralEvents.Add(evt);
        access.Stage(referral.PersonId, "community-referral-attended", "POST community referral attendance", evt.Text);
        await SaveAsync(referral, ct);
    }

    /// <summary>A message between the link worker and the organisation about the referral; the other side is notified.</summary>
    public async Task<ReferralEvent> MessageAsync(Guid id, string? text, CancellationToken ct = default)
    {
        var referral = await db.CommunityReferrals.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new KeyNotFoundException();
        var party = await PartyAsync(referral, ct);
        if (party is null || User.Role == UserRole.Person)
        {
            throw new UnauthorizedAccessException("Only the link worker and the organisation message about a referral");
        }
        var v = new Validation();
        var message = v.Required("Message", text, "Enter your message", 2000, "Message");
        v.ThrowIfInvalid();
        var evt = Event(referral, party.Value, null, null, message);
        evt.Kind = ReferralEventKind.Message;
        db.ReferralEvents.Add(evt);
        await NotifyAsync(referral, party.Value, $"Message about {referral.SharedName}'s referral to {referral.ServiceName} from {User.Name}", null, ct);
        await db.SaveChangesAsync(ct);
        return evt;
    }

    /// <summary>
    /// Nudges the organisation about referrals still unanswered after <see cref="SocialPrescribingOptions.NudgeAfterWorkingDays"/>,
    /// and returns to the link worker, cancelled as expired, those unanswered after the response time. Returns (nudged, expired).
    /// </summary>
    public async Task<(int Nudged, int Expired)> ChaseUnansweredAsync(CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var waiting = await db.CommunityReferrals.Where(c => c.Status == CommunityReferralStatus.Requested).Take(1000).ToListAsync(ct);
        int nudged = 0, expired = 0;
        foreach (var referral in waiting)
        {
            var sentOn = DateOnly.FromDateTime(UkTime.ToUk(referral.SentAt).DateTime);
            if (referral.RespondBy < today)
            {
                var from = referral.Status;
                referral.Status = CommunityReferralStatus.Cancelled;
                referral.StatusReason = $"Expired: not answered within {options.Value.ResponseWorkingDays} working days";
                referral.StatusAt = Now;
                referral.Version++;
                db.ReferralEvents.Add(Event(referral, ReferralParty.System, from, CommunityReferralStatus.Cancelled, referral.StatusReason));
                notifications.Add(referral.SentByUserId, $"{referral.ServiceName} did not answer the referral for {referral.SharedName} in time: it has come back to you",
                    LinkWorkerPage(referral));
                access.Stage(referral.PersonId, "community-referral-status", "job referral-deadlines", $"Requested → Cancelled by the system: {referral.StatusReason}");
            }
            else if (referral.NudgedAt is null && workingDays.Add(sentOn, options.Value.NudgeAfterWorkingDays) <= today)
            {
                referral.NudgedAt = Now;
                referral.Version++;
                await notifications.AddToOrganisationAsync(referral.OrganisationId, UserRole.VcseWorker,
                    $"Reminder: the referral to {referral.ServiceName} for {referral.SharedName} needs an answer by {UkTime.FormatDate(referral.RespondBy)}", $"/community-referrals/{referral.Id}", ct);
            }
            else
            {
                continue;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                if (referral.Status == CommunityReferralStatus.Cancelled)
                {
                    expired++;
                }
                else
                {
                    nudged++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                // Answered while we looked: the answer stands. Only this referral's unsaved changes are dropped (every
                // earlier one is saved), so the rest of the batch stays tracked and is handled as if nothing happened.
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }
        return (nudged, expired);
    }

    private ReferralEvent Event(CommunityReferral referral, ReferralParty party, CommunityReferralStatus? from, CommunityReferralStatus? to, string? text) => new()
    {
        Id = Guid.NewGuid(), CommunityReferralId = referral.Id, At = Now, Party = party,
        ByUserId = party == ReferralParty.System ? null : User.Id, ByName = party == ReferralParty.System ? "Upcare" : User.Name,
        From = from, To = to, Text = text, Kind = ReferralEventKind.StatusChange,
    };

    /// <summary>The link worker who holds the social prescribing referral this one was sent from (it can be reassigned).</summary>
    private Task<Guid?> LinkWorkerOfAsync(CommunityReferral referral, CancellationToken ct) =>
        db.SocialPrescribingReferrals.AsNoTracking().Where(r => r.Id == referral.SocialPrescribingReferralId).Select(r => r.LinkWorkerUserId).FirstOrDefaultAsync(ct);

    private static string LinkWorkerPage(CommunityReferral referral) =>
        $"/people/{referral.PersonId}/social-prescribing/{referral.SocialPrescribingReferralId}";

    // Tells the other side: the link worker when the organisation or the person acts, the organisation when the link
    // worker or the person acts; the person hears of acceptance and refusal by message.
    private async Task NotifyAsync(CommunityReferral referral, ReferralParty actor, string text, CommunityReferralStatus? to, CancellationToken ct)
    {
        if (actor != ReferralParty.Requester || User.Role == UserRole.Person)
        {
            if (await LinkWorkerOfAsync(referral, ct) is { } id && id != User.Id)
            {
                notifications.Add(id, text, LinkWorkerPage(referral));
            }
        }
        if (actor != ReferralParty.Responder)
        {
            await notifications.AddToOrganisationAsync(referral.OrganisationId, UserRole.VcseWorker, text, $"/community-referrals/{referral.Id}", ct);
        }
        if (to is CommunityReferralStatus.Accepted or CommunityReferralStatus.Rejected && await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == referral.PersonId, ct) is { } person)
        {
            outbox.Stage(person, $"Your referral to {referral.ServiceName}",
                to == CommunityReferralStatus.Accepted
                    ? $"Dear {person.GivenName}, {referral.ServiceName} has accepted your referral and will be in touch."
                    : $"Dear {person.GivenName}, {referral.ServiceName} cannot take you on: {referral.StatusReason}. Your link worker will talk to you about other options.",
                $"community-referral:{referral.Id}:{to}");
        }
    }

    private async Task SaveAsync(CommunityReferral referral, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.CommunityReferrals.AsNoTracking().Where(c => c.Id == referral.Id).Select(c => c.Status).FirstAsync(ct);
            throw new ReferralChangedException(now);
        }
    }
}
