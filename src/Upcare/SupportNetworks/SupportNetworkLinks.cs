namespace Upcare.SupportNetworks;

/// <summary>Links to a person's support network pages: their own (under /me) or, for staff, under their record.</summary>
public sealed record SupportNetworkLinks(Guid PersonId, bool Own)
{
    public string Map => Own ? "/me/support-network" : $"/people/{PersonId}/support-network";
    public string Entry(Guid entryId) => $"{Map}/entries/{entryId}";
    public string Snapshot(Guid snapshotId) => $"{Map}/snapshots/{snapshotId}";
    public const string Sharing = "/me/support-network/sharing";
    public string Record => Own ? "/me" : $"/people/{PersonId}";
}
