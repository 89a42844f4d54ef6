using Upcare.Access;
using Upcare.Shared;

namespace Upcare.SupportNetworks;

/// <summary>An entry of a support network, as the JSON API gives it.</summary>
public sealed record SupportEntryJson(Guid Id, SupportKind Kind, string Name, string Detail, SupportRing Ring, IReadOnlyList<SupportGives> Gives, int Version);

/// <summary>A kept snapshot, as the JSON API lists it.</summary>
public sealed record SnapshotJson(Guid Id, DateTime TakenAt, string Label, int Entries);

/// <summary>A support network, as the JSON API gives it.</summary>
public sealed record SupportNetworkJson(IReadOnlyList<SupportEntryJson> Entries, IReadOnlyList<SnapshotJson> Snapshots);

/// <summary>Body of an entry to add.</summary>
public sealed record SupportEntryRequest(SupportKind? Kind, string? Name, string? Detail, SupportRing? Ring, List<SupportGives>? Gives);

/// <summary>
/// A person's support network for practitioners' systems, as JSON: the same service, sharing rule and audit as the
/// pages (a network the person has not shared with the caller is 403). Errors are problem details.
/// </summary>
public static class SupportNetworkApi
{
    public static IEndpointRouteBuilder MapSupportNetworkApi(this IEndpointRouteBuilder app)
    {
        var network = app.MapGroup("/api/people/{id:guid}/support-network").RequireAuthorization(AccessPolicies.ChangePersonRecord).WithTags("Support networks");
        network.MapGet("", async (Guid id, SupportNetworkService networks, CancellationToken ct) =>
        {
            var (decision, view) = await networks.GetAsync(id, ct);
            return view is null ? Result.Refused(decision.Reason).ToHttp(() => Results.Ok()) : Results.Ok(Json(view));
        });
        network.MapPost("/entries", async (Guid id, SupportEntryRequest body, SupportNetworkService networks, CancellationToken ct) =>
            (await networks.AddAsync(id, new SupportEntryForm(body.Kind, body.Name, body.Detail, body.Ring, body.Gives ?? []), ct))
                .ToHttp(() => Results.Created($"/api/people/{id}/support-network", null)));
        network.MapDelete("/entries/{entryId:guid}", async (Guid id, Guid entryId, SupportNetworkService networks, CancellationToken ct) =>
            (await networks.RemoveAsync(id, entryId, ct)).ToHttp(Results.NoContent));
        return app;
    }

    private static SupportNetworkJson Json(SupportNetworkView view) => new(
        view.Entries.Select(e => new SupportEntryJson(e.Id, e.Kind, e.Name, e.Detail, e.Ring,
            e.Gives.Each(), e.Version)).ToList(),
        view.Snapshots.Select(s => new SnapshotJson(s.Id, s.TakenAt, s.Label, s.Count)).ToList());
}
