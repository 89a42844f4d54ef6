using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Fhir;
using Upcare.Shared;

namespace Upcare.SocialPrescribing;

/// <summary>
/// What ServiceRequest and Task share: both are a community referral (the Gravity closed-loop pattern), seen by the
/// parties to it only — the organisation it was sent to, the person's link worker, and the person.
/// </summary>
public abstract class CommunityReferralFhir : FhirResourceType<CommunityReferral>
{
    protected override IQueryable<CommunityReferral> Visible(FhirRequest request) => VisibleReferrals(request);

    // The referral pages show someone with no part in a referral "not found"; so does FHIR.
    protected override bool RefusedAsNotFound => true;

    /// <summary>The referrals the asker has a part in: the organisation's, the link worker's people's, the person's own.</summary>
    /// <summary>
    /// Null when the asker has a part in the referral; otherwise the unknown id's answer (as the pages give), with the
    /// refusal audited against the person when the referral exists.
    /// </summary>
    public static async Task<FhirException?> RefuseUnlessPartyAsync(Guid referralId, string type, string action, string route, string detail, FhirRequest request, CancellationToken ct)
    {
        if (await VisibleReferrals(request).AnyAsync(c => c.Id == referralId, ct))
        {
            return null;
        }
        if (await request.Db.CommunityReferrals.AsNoTracking().Where(c => c.Id == referralId).Select(c => (Guid?)c.PersonId).FirstOrDefaultAsync(ct) is { } person)
        {
            await request.Access.RecordAsync(person, action, route, AuditOutcome.Refused, detail);
        }
        return FhirException.NotFound(type, referralId.ToString());
    }

    public static IQueryable<CommunityReferral> VisibleReferrals(FhirRequest request)
    {
        var (db, user) = (request.Db, request.User);
        var all = db.CommunityReferrals.AsNoTracking();
        switch (user.Role)
        {
            case UserRole.VcseWorker:
                var organisation = user.OrganisationId;
                return all.Where(c => organisation != null && c.OrganisationId == organisation);
            case UserRole.LinkWorker:
                var me = user.Id;
                return all.Where(c => db.SocialPrescribingReferrals.Any(r => r.Id == c.SocialPrescribingReferralId && r.LinkWorkerUserId == me));
            case UserRole.Person:
                var own = user.PersonId;
                return all.Where(c => c.PersonId == own);
            default:
                return all.Where(c => false);
        }
    }

    protected override IQueryable<CommunityReferral> Everything(FhirRequest request) => request.Db.CommunityReferrals.AsNoTracking();
    protected override IQueryable<CommunityReferral> WithId(IQueryable<CommunityReferral> rows, Guid id) => rows.Where(c => c.Id == id);
    protected override IQueryable<CommunityReferral> InOrder(IQueryable<CommunityReferral> rows) => rows.OrderByDescending(c => c.SentAt).ThenBy(c => c.Id);
    protected override Guid? PersonOf(CommunityReferral row) => row.PersonId;
    protected override IQueryable<CommunityReferral> AboutOnly(IQueryable<CommunityReferral> rows, IQueryable<Guid> people, FhirRequest request) =>
        rows.Where(c => people.Contains(c.PersonId));

    protected override async Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct)
    {
        var person = await request.Db.CommunityReferrals.AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.PersonId).FirstOrDefaultAsync(ct);
        return person is null ? (AccessDecision.NoSuchPerson, null) : (AccessDecision.Refuse("No part in this referral"), person);
    }

    /// <summary>The NHS numbers and organisation names the mapping needs, in two queries for a whole page.</summary>
    protected static async Task<(Dictionary<Guid, string> NhsNumbers, Dictionary<Guid, string> Organisations)> LookupsAsync(IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct)
    {
        var cache = request.Services.GetRequiredService<Organisations.OrganisationService>();
        var names = new Dictionary<Guid, string>();
        foreach (var id in rows.Select(r => r.OrganisationId).Distinct())
        {
            names[id] = (await cache.FindAsync(id, ct))?.Name ?? "";
        }
        return (await NhsNumbersAsync(rows.Select(r => r.PersonId), request, ct), names);
    }

    /// <summary>
    /// The person as the referral shares them (an <c>_include</c>): NHS number, the name and contact details the link
    /// worker chose to share — no more than the organisation sees on its own pages.
    /// </summary>
    protected static async Task<IReadOnlyList<Resource>> SharedPatientsAsync(IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct)
    {
        var numbers = await NhsNumbersAsync(rows.Select(r => r.PersonId), request, ct);
        return [.. rows.GroupBy(r => r.PersonId).Select(g => g.OrderByDescending(r => r.SentAt).First()).Select(r =>
        {
            var patient = new Patient
            {
                Id = r.PersonId.ToString(),
                Meta = new Meta { Profile = [People.PatientFhir.ProfileUrl] },
                Identifier = [new Identifier(People.PatientFhir.NhsNumberSystem, numbers.GetValueOrDefault(r.PersonId, ""))],
                Name = [new HumanName { Text = r.SharedName }],
            };
            if (r.SharedPhone is { } phone) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
            if (r.SharedEmail is { } email) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, email));
            return (Resource)patient;
        })];
    }

    protected static FhirSearchParameter<CommunityReferral> ForPatient(string name) => new(name, SearchParamType.Reference, "The person referred, as Patient/{id}", (rows, v) =>
    {
        var id = ReferenceId(v, "Patient");
        return rows.Where(c => c.PersonId == id);
    });

    protected static FhirSearchParameter<CommunityReferral> ToOrganisation(string name) => new(name, SearchParamType.Reference, "The organisation referred to, as Organization/{id}", (rows, v) =>
    {
        var id = ReferenceId(v, "Organization");
        return rows.Where(c => c.OrganisationId == id);
    });

    protected static FhirSearchParameter<CommunityReferral> LastUpdated() =>
        DateParameter<CommunityReferral, DateTime>("_lastUpdated", "When the status last changed", c => c.StatusAt);

    /// <summary>A page of referrals as one of their two resources, with the NHS numbers and organisation names looked up once.</summary>
    protected static async Task<IReadOnlyList<Resource>> MapAsync(IReadOnlyList<CommunityReferral> rows, FhirRequest request, string profile,
        Func<CommunityReferral, string, string, DomainResource> map, CancellationToken ct)
    {
        var (numbers, organisations) = await LookupsAsync(rows, request, ct);
        return [.. rows.Select(r =>
        {
            var resource = map(r, numbers.GetValueOrDefault(r.PersonId, ""), organisations.GetValueOrDefault(r.OrganisationId, ""));
            resource.Meta!.Profile = [profile];
            return (Resource)resource;
        })];
    }
}

/// <summary>A community referral as a UK Core ServiceRequest: what was asked of which organisation, for whom.</summary>
public sealed class ServiceRequestFhir : CommunityReferralFhir
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-ServiceRequest";

    public override string Type => "ServiceRequest";
    protected override string? Profile => ProfileUrl;
    protected override IReadOnlyList<string> Includes => ["ServiceRequest:patient", "ServiceRequest:subject"];

    /// <summary>Each referral's Task (it has the same id): how the organisation is getting on with it.</summary>
    protected override IReadOnlyList<string> RevIncludes => ["Task:focus"];

    protected override IReadOnlyList<FhirSearchParameter<CommunityReferral>> Parameters { get; } =
    [
        ForPatient("subject"), ForPatient("patient"), ToOrganisation("performer"), LastUpdated(),
        new("status", SearchParamType.Token, "active, completed, revoked or entered-in-error", (rows, v) =>
        {
            var statuses = Enum.GetValues<CommunityReferralStatus>().Where(s => ReferralFhir.RequestStatusOf(s).ToString().Equals(v.Replace("-", ""), StringComparison.OrdinalIgnoreCase)).ToList();
            return statuses.Count > 0 ? rows.Where(c => statuses.Contains(c.Status)) : throw FhirException.BadRequest($"status must be active, completed, revoked or entered-in-error, not '{v}'");
        }),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct) =>
        MapAsync(rows, request, ProfileUrl, ReferralFhir.ToServiceRequest, ct);

    protected override async Task<IReadOnlyList<Resource>> IncludeAsync(string include, IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct) =>
        include == "Task:focus" ? await new TaskFhir().ToResourcesAsync(rows, request, ct) : await SharedPatientsAsync(rows, request, ct);
}

/// <summary>
/// A community referral's Task: how the organisation's own system follows it. Updating the Task's status accepts,
/// rejects, starts, puts on hold, completes or cancels the referral under the closed loop's rules, as on the pages.
/// </summary>
public sealed class TaskFhir : CommunityReferralFhir
{
    public const string ProfileUrl = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Task";

    public override string Type => "Task";
    protected override string? Profile => ProfileUrl;
    protected override bool CanUpdate => true;

    /// <summary>
    /// The party first, before the body or its version is looked at: someone with no part in the referral gets the
    /// unknown id's answer whatever they send, and learns nothing of its status, version or person.
    /// </summary>
    public override async Task<FhirException?> RefuseWriteAsync(string? text, FhirRequest request, CancellationToken ct) =>
        Guid.TryParse(text, out var id)
            ? await RefuseUnlessPartyAsync(id, Type, "fhir-update", "PUT /fhir/Task/{id}", $"{Type}: No part in this referral", request, ct)
            : FhirException.NotFound(Type, text ?? "");
    protected override IReadOnlyList<string> Includes => ["Task:patient", "Task:focus"];

    protected override IReadOnlyList<FhirSearchParameter<CommunityReferral>> Parameters { get; } =
    [
        ForPatient("patient"), ToOrganisation("owner"), LastUpdated(),
        new("status", SearchParamType.Token, "requested, accepted, rejected, in-progress, on-hold, failed, completed, cancelled or entered-in-error", (rows, v) =>
        {
            var status = ClosedLoop.Parse(v) ?? throw FhirException.BadRequest($"'{v}' is not a Task status");
            return rows.Where(c => c.Status == status);
        }),
        new("focus", SearchParamType.Reference, "The referral (ServiceRequest/{id}) the Task fulfils", (rows, v) =>
        {
            var id = ReferenceId(v, "ServiceRequest");
            return rows.Where(c => c.Id == id);
        }),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct) =>
        MapAsync(rows, request, ProfileUrl, ReferralFhir.ToTask, ct);

    protected override async Task<IReadOnlyList<Resource>> IncludeAsync(string include, IReadOnlyList<CommunityReferral> rows, FhirRequest request, CancellationToken ct) =>
        include == "Task:patient" ? await SharedPatientsAsync(rows, request, ct) : await new ServiceRequestFhir().ToResourcesAsync(rows, request, ct);

    /// <summary>
    /// Moves the referral to the Task's status (with its statusReason text as the reason), from the version named by
    /// If-Match or by the Task's meta.versionId; only the status and its reason may change here.
    /// </summary>
    public override async Task<Resource> UpdateAsync(string text, Resource body, int? ifMatch, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 'u');
        var id = Guid.TryParse(text, out var guid) ? guid : throw FhirException.NotFound(Type, text);
        // The edge has already refused (and audited) anyone with no part in it, before reading the body.
        var referral = await VisibleReferrals(request).FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw FhirException.NotFound(Type, id.ToString());
        if (body is not Hl7.Fhir.Model.Task task)
        {
            throw FhirException.BadRequest($"The body must be a Task, not a {body.TypeName}");
        }
        if (task.Id is { } bodyId && bodyId != id.ToString())
        {
            throw FhirException.BadRequest($"The Task's id ({bodyId}) is not the one in the address ({id})");
        }
        if (task.Status is not { } status || ClosedLoop.Parse(Hl7.Fhir.Utility.EnumUtility.GetLiteral(status)) is not { } to)
        {
            throw new FhirException(422, OperationOutcome.IssueType.Required, "Task.status is needed: the status to move the referral to");
        }
        var version = ifMatch ?? (int.TryParse(task.Meta?.VersionId, out var v) ? v : referral.Version);
        var service = request.Services.GetRequiredService<CommunityReferralService>();
        CommunityReferral changed;
        try
        {
            if (referral.Status == to && referral.Version == version)
            {
                // Nothing to change: the answer shows the referral, so it is audited as a read.
                await request.Access.RecordAsync(referral.PersonId, "fhir-read", "PUT /fhir/Task/{id}", AuditOutcome.Allowed, $"{Type}/{id} (already {ClosedLoop.FhirCode(to)})");
                changed = referral;
            }
            else
            {
                changed = await service.ChangeStatusAsync(id, to, task.StatusReason?.Text, task.StatusReason?.Coding.FirstOrDefault(c => c.System == DeclineReasons.System)?.Code, version, ct);
            }
        }
        catch (UnauthorizedAccessException)
        {
            await request.Access.RecordAsync(referral.PersonId, "fhir-update", "PUT /fhir/Task/{id}", AuditOutcome.Refused, "No part in this referral");
            throw FhirException.Forbidden("No part in this referral");
        }
        catch (ReferralChangedException e)
        {
            throw new FhirException(ifMatch is null ? 409 : 412, OperationOutcome.IssueType.Conflict,
                $"The referral changed since version {version} (it is now {ClosedLoop.FhirCode(e.Now)}): read it again and decide from there");
        }
        catch (ValidationFailedException e)
        {
            throw new FhirException(422, OperationOutcome.IssueType.BusinessRule, string.Join("; ", e.Errors.Select(x => x.Message)));
        }
        return (await ToFhirAsync([changed], request, ct))[0];
    }
}

/// <summary>A message on a referral, with the referral it is about.</summary>
public sealed class ReferralMessage
{
    public required ReferralEvent Message { get; init; }
    public required CommunityReferral Referral { get; init; }
}

/// <summary>
/// Messages between the link worker and the organisation about a referral, as Communication (based on the referral's
/// ServiceRequest). A party's system can send one by creating a Communication; the other side is notified as on the pages.
/// </summary>
public sealed class CommunicationFhir : FhirResourceType<ReferralMessage>
{
    public override string Type => "Communication";
    protected override bool CanCreate => true;

    /// <summary>A role that is never a party to a referral is refused before its body is read.</summary>
    public override Task<FhirException?> RefuseWriteAsync(string? id, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult(request.User.Role is UserRole.VcseWorker or UserRole.LinkWorker or UserRole.Person ? null : FhirException.Forbidden("No part in any referral"));

    protected override bool RefusedAsNotFound => true;

    private static IQueryable<ReferralMessage> Messages(IQueryable<CommunityReferral> referrals, FhirRequest request) =>
        request.Db.ReferralEvents.AsNoTracking().Where(e => e.Kind == ReferralEventKind.Message)
            .Join(referrals, e => e.CommunityReferralId, c => c.Id, (e, c) => new ReferralMessage { Message = e, Referral = c });

    protected override IQueryable<ReferralMessage> Visible(FhirRequest request) => Messages(CommunityReferralFhir.VisibleReferrals(request), request);
    protected override IQueryable<ReferralMessage> Everything(FhirRequest request) => Messages(request.Db.CommunityReferrals.AsNoTracking(), request);
    protected override IQueryable<ReferralMessage> WithId(IQueryable<ReferralMessage> rows, Guid id) => rows.Where(m => m.Message.Id == id);
    protected override IQueryable<ReferralMessage> InOrder(IQueryable<ReferralMessage> rows) => rows.OrderByDescending(m => m.Message.At).ThenBy(m => m.Message.Id);
    protected override Guid? PersonOf(ReferralMessage row) => row.Referral.PersonId;
    protected override IQueryable<ReferralMessage> AboutOnly(IQueryable<ReferralMessage> rows, IQueryable<Guid> people, FhirRequest request) =>
        rows.Where(m => people.Contains(m.Referral.PersonId));

    protected override async Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct)
    {
        var person = await Everything(request).Where(m => m.Message.Id == id).Select(m => (Guid?)m.Referral.PersonId).FirstOrDefaultAsync(ct);
        return person is null ? (AccessDecision.NoSuchPerson, null) : (AccessDecision.Refuse("No part in this referral"), person);
    }

    protected override IReadOnlyList<FhirSearchParameter<ReferralMessage>> Parameters =>
    [
        new("based-on", SearchParamType.Reference, "The referral, as ServiceRequest/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "ServiceRequest");
            return rows.Where(m => m.Referral.Id == id);
        }),
        new("subject", SearchParamType.Reference, "The person, as Patient/{id}", (rows, v) =>
        {
            var id = ReferenceId(v, "Patient");
            return rows.Where(m => m.Referral.PersonId == id);
        }),
        DateParameter<ReferralMessage, DateTime>("sent", "When it was sent", m => m.Message.At),
    ];

    protected override Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<ReferralMessage> rows, FhirRequest request, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult<IReadOnlyList<Resource>>([.. rows.Select(m => (Resource)new Communication
        {
            Id = m.Message.Id.ToString(),
            Meta = MetaOf(1, m.Message.At, null),
            Status = EventStatus.Completed,
            BasedOn = [new ResourceReference($"ServiceRequest/{m.Referral.Id}")],
            Subject = new ResourceReference($"Patient/{m.Referral.PersonId}") { Display = m.Referral.SharedName },
            Sent = new FhirDateTime(new DateTimeOffset(DateTime.SpecifyKind(m.Message.At, DateTimeKind.Utc))).Value,
            Sender = new ResourceReference { Display = $"{m.Message.ByName} ({(m.Message.Party == ReferralParty.Responder ? "the organisation" : "the link worker")})" },
            Payload = [new Communication.PayloadComponent { Content = new FhirString(m.Message.Text ?? "") }],
        })]);

    /// <summary>Sends a message on the referral the Communication is based on, as a party to it.</summary>
    public override async Task<Resource> CreateAsync(Resource body, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 'c');
        if (body is not Communication communication)
        {
            throw FhirException.BadRequest($"The body must be a Communication, not a {body.TypeName}");
        }
        var basedOn = communication.BasedOn.FirstOrDefault()?.Reference;
        if (basedOn is null || !basedOn.StartsWith("ServiceRequest/", StringComparison.Ordinal))
        {
            throw new FhirException(422, OperationOutcome.IssueType.Required, "Communication.basedOn must name the referral as ServiceRequest/{id}");
        }
        var referral = ReferenceId(basedOn, "ServiceRequest");
        if (await CommunityReferralFhir.RefuseUnlessPartyAsync(referral, "ServiceRequest", "fhir-create", "POST /fhir/Communication", "Communication: no part in this referral", request, ct) is { } refused)
        {
            throw refused;
        }
        var text = string.Join("\n", communication.Payload.Select(p => (p.Content as FhirString)?.Value).Where(t => !string.IsNullOrWhiteSpace(t)));
        var service = request.Services.GetRequiredService<CommunityReferralService>();
        ReferralEvent sent;
        try
        {
            sent = await service.MessageAsync(referral, text, ct);
        }
        catch (KeyNotFoundException)
        {
            throw FhirException.NotFound("ServiceRequest", referral.ToString());
        }
        catch (UnauthorizedAccessException e)
        {
            throw FhirException.Forbidden(e.Message);
        }
        catch (ValidationFailedException e)
        {
            throw new FhirException(422, OperationOutcome.IssueType.Required, "Communication.payload needs the message as contentString: " + string.Join("; ", e.Errors.Select(x => x.Message)));
        }
        var row = await WithId(Everything(request), sent.Id).FirstAsync(ct);
        return (await ToFhirAsync([row], request, ct))[0];
    }
}
