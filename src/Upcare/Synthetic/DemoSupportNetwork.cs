using Upcare.Data;
using Upcare.SupportNetworks;

namespace Upcare.Synthetic;

/// <summary>
/// person1's support network for the demo: mapped with the link worker at a first conversation two months ago (kept as
/// a snapshot), grown since, and shared with the link worker only, so the clinician sees how sharing is refused.
/// </summary>
public static class DemoSupportNetwork
{
    public static void Seed(UpcareDbContext db, Guid personId, Guid linkWorker, string linkWorkerName, DateTime now)
    {
        var first = now.AddDays(-60);
        SupportNetworkEntry Entry(SupportKind kind, string name, string detail, SupportRing ring, SupportGives gives, DateTime at) => new()
        {
            Id = Guid.NewGuid(), PersonId = personId, Kind = kind, Name = name, Detail = detail, Ring = ring, Gives = gives,
            Source = SupportSource.Added, AddedAt = at, AddedByName = linkWorkerName,
        };
        var sarah = Entry(SupportKind.Person, "Sarah", "My daughter, lives nearby", SupportRing.Closest, SupportGives.Practical | SupportGives.Emotional, first);
        var pat = Entry(SupportKind.Person, "Pat", "My neighbour, checks on me", SupportRing.Middle, SupportGives.Practical | SupportGives.Company, first);
        var library = Entry(SupportKind.Place, "Elswick library", "Large print books", SupportRing.Outer, SupportGives.Information, first);
        db.SupportNetworkEntries.AddRange(sarah, pat, library);
        db.SupportNetworkSnapshots.Add(new SupportNetworkSnapshot
        {
            Id = Guid.NewGuid(), PersonId = personId, TakenAt = first, TakenByName = linkWorkerName, Label = "First conversation",
            EntriesJson = System.Text.Json.JsonSerializer.Serialize(new[] { sarah, pat, library }.Select(e => e.ToSnapshot())),
        });
        // Since then: a walking group joined, and the library a little closer.
        db.SupportNetworkEntries.Add(Entry(SupportKind.Group, "Breathe easy walking group", "Fridays, 10am", SupportRing.Middle, SupportGives.Company, now.AddDays(-20)));
        library.Ring = SupportRing.Middle;
        library.Version = 1;
        db.SupportNetworkShares.Add(new SupportNetworkShare { Id = Guid.NewGuid(), PersonId = personId, UserId = linkWorker, UserName = linkWorkerName, SharedAt = first });
    }
}
