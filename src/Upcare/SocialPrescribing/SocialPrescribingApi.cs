using System.Globalization;
using Upcare.Access;
using Upcare.Shared;

namespace Upcare.SocialPrescribing;

/// <summary>A referral's state after a change: what a client needs to make the next one.</summary>
public sealed record ReferralState(Guid Id, int Version, string Status);

/// <summary>Body of a referral to social prescribing.</summary>
public sealed record ReferralRequest(string? Reason, List<string>? Needs, bool ConsentToContact);

/// <summary>Body of a change that only needs the version the client saw.</summary>
public sealed record VersionRequest(int Version);

/// <summary>Body of a contact: mode, minutes, the day (yyyy-MM-dd) and a note.</summary>
public sealed record ContactRequest(int Version, ContactMode? Mode, int? Minutes, string? Date, string? Note);

/// <summary>Body of a discharge.</summary>
public sealed record DischargeRequest(int Version, DischargeReason? Reason, string? Note);

/// <summary>Body of a referral to a community service.</summary>
public sealed record CommunityReferralRequest(Guid ServiceId, bool ConsentToShare, bool SharePhone, bool ShareEmail, string? Note, Guid SendKey);

/// <summary>Body of a status change on the closed loop.</summary>
/// <remarks>The status as its FHIR Task code ("accepted", "in-progress") or Upcare's name ("InProgress").</remarks>
public sealed record StatusRequest(string? Status, string? Reason, int Version, string? DeclineReason = null);

/// <summary>
/// Social prescribing for other systems and scripts, as JSON: the same services, rules and audit as the pages. Errors
/// are problem details: 422 with the fields, 409 when the referral changed (or an open one exists), 403 and 404.
/// </summary>
public static class SocialPrescribingApi
{
    public static IEndpointRouteBuilder MapSocialPrescribingApi(this IEndpointRouteBuilder app)
    {
        var person = app.MapGroup("/api/people/{id:guid}/social-prescribing").RequireAuthorization(AccessPolicies.ChangePersonRecord).WithTags("Social prescribing");
        person.MapPost("", (Guid id, ReferralRequest body, SocialPrescribingService service, CancellationToken ct) => Handle(async () =>
        {
            var referral = await service.ReferAsync(id, new ReferralForm { Reason = body.Reason, Needs = body.Needs ?? [], ConsentToContact = body.ConsentToContact }, ct);
            return Results.Created($"/people/{id}/social-prescribing/{referral.Id}", State(referral));
        }));
        person.MapPost("/{referralId:guid}/contacts", (Guid id, Guid referralId, ContactRequest body, SocialPrescribingService service, CancellationToken ct) => Handle(async () =>
        {
            if (!string.IsNullOrWhiteSpace(body.Date) && !DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new ValidationFailedException([new FieldError("date", "Date of the contact must be a real date, written as YYYY-MM-DD, like 2026-12-06")]);
            }
            var date = DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? DateParts.From(d) : new DateParts();
            await service.RecordContactAsync(id, referralId, body.Version, body.Mode, body.Minutes?.ToString(CultureInfo.InvariantCulture), date, body.Note, ct);
            return Results.Ok(State(await service.GetAsync(id, referralId, ct) ?? throw new KeyNotFoundException()));
        }));
        person.MapPost("/{referralId:guid}/discharge", (Guid id, Guid referralId, DischargeRequest body, SocialPrescribingService service, CancellationToken ct) => Handle(async () =>
            Results.Ok(State(await service.DischargeAsync(id, referralId, body.Version, body.Reason, body.Note, ct)))));
        person.MapPost("/{referralId:guid}/community-referrals", (Guid id, Guid referralId, CommunityReferralRequest body, CommunityReferralService community, CancellationToken ct) => Handle(async () =>
        {
            var sent = await community.SendAsync(id, referralId, body.ServiceId,
                new CommunityReferralForm { SendKey = body.SendKey, ConsentToShare = body.ConsentToShare, SharePhone = body.SharePhone, ShareEmail = body.ShareEmail, Note = body.Note }, ct);
            return Results.Created($"/community-referrals/{sent.Id}", new ReferralState(sent.Id, sent.Version, ClosedLoop.FhirCode(sent.Status)));
        }));

        app.MapPost("/api/social-prescribing/{referralId:guid}/take-on", (Guid referralId, VersionRequest body, SocialPrescribingService service, CancellationToken ct) => Handle(async () =>
            Results.Ok(State(await service.TakeOnAsync(referralId, body.Version, ct)))))
            .RequireAuthorization(AccessPolicies.LinkWorkers).WithTags("Social prescribing");

        var community = app.MapGroup("/api/community-referrals/{referralId:guid}").RequireAuthorization(AccessPolicies.SignedIn).WithTags("Social prescribing");
        community.MapPost("/status", (Guid referralId, StatusRequest body, CommunityReferralService service, CancellationToken ct) => Handle(async () =>
        {
            if (ClosedLoop.Parse(body.Status) is not { } to)
            {
                throw new ValidationFailedException([new FieldError("status", $"Give the status to move the referral to, one of: {string.Join(", ", Enum.GetValues<CommunityReferralStatus>().Select(ClosedLoop.FhirCode))}")]);
            }
            var changed = await service.ChangeStatusAsync(referralId, to, body.Reason, body.DeclineReason, body.Version, ct);
            return Results.Ok(new ReferralState(changed.Id, changed.Version, ClosedLoop.FhirCode(changed.Status)));
        }));
        community.MapGet("/fhir", (Guid referralId, CommunityReferralService service, CancellationToken ct) => Handle(async () =>
            await service.FhirAsync(referralId, ct) is { } json ? Results.Text(json, "application/fhir+json") : throw new KeyNotFoundException()));
        return app;
    }

    private static ReferralState State(SocialPrescribingReferral r) => new(r.Id, r.Version, r.Status.ToString());

    private static async Task<IResult> Handle(Func<Task<IResult>> act)
    {
        try
        {
            return await act();
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(
                e.Errors.GroupBy(x => x.Field.Length == 0 ? "referral" : x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()),
                title: "The change was refused", statusCode: StatusCodes.Status422UnprocessableEntity);
        }
        catch (ReferralChangedException e)
        {
            return Results.Problem($"The referral changed since you read it: it is now {ClosedLoop.FhirCode(e.Now)}. Read it again, then decide.", statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else");
        }
        catch (EditConflictException)
        {
            return Results.Problem("The referral changed since you read it. Read it again, then decide.", statusCode: StatusCodes.Status409Conflict, title: "Changed by someone else");
        }
        catch (OpenReferralExistsException e)
        {
            return Results.Problem($"This person already has an open social prescribing referral: {e.ReferralId}", statusCode: StatusCodes.Status409Conflict, title: "Open referral exists",
                extensions: new Dictionary<string, object?> { ["referralId"] = e.ReferralId });
        }
        catch (UnauthorizedAccessException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }
        catch (KeyNotFoundException)
        {
            return Results.Problem("No such referral, or none you have a part in", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
    }
}
