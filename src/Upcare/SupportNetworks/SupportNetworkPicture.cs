namespace Upcare.SupportNetworks;

/// <summary>One entry placed on the picture: where its mark goes and the short label beside it.</summary>
public sealed record PlacedSupport(double X, double Y, SupportKind Kind, string Label);

/// <summary>
/// Lays a support network out as three rings around the person, for a picture drawn on the server (SVG, no script):
/// each ring's entries spread evenly round it. The table beside the picture carries everything the picture shows.
/// </summary>
public static class SupportNetworkPicture
{
    public const int Size = 640;
    public const double Centre = Size / 2.0;

    /// <summary>The outer edge of each ring, from the centre out.</summary>
    public static readonly IReadOnlyList<(SupportRing Ring, double Radius, string Label)> Rings =
    [
        (SupportRing.Closest, 130, "Closest"),
        (SupportRing.Middle, 220, "In the middle"),
        (SupportRing.Outer, 310, "Further out"),
    ];

    private const int LabelLength = 18;

    public static List<PlacedSupport> Place(IEnumerable<SnapshotEntry> entries)
    {
        var placed = new List<PlacedSupport>();
        var inner = 45.0;
        foreach (var (ring, outer, _) in Rings)
        {
            var here = entries.Where(e => e.Ring == ring).ToList();
            var radius = (inner + outer) / 2;
            // Stagger each ring's start so marks on neighbouring rings don't line up and labels don't collide.
            var start = -Math.PI / 2 + (int)ring * 0.45;
            for (var i = 0; i < here.Count; i++)
            {
                var angle = start + 2 * Math.PI * i / here.Count;
                placed.Add(new PlacedSupport(Math.Round(Centre + radius * Math.Cos(angle), 1), Math.Round(Centre + radius * Math.Sin(angle), 1), here[i].Kind, Short(here[i].Name)));
            }
            inner = outer;
        }
        return placed;
    }

    /// <summary>What the picture shows, in words, for its accessible description.</summary>
    public static string Describe(IReadOnlyCollection<SnapshotEntry> entries) => entries.Count == 0
        ? "Nothing on the map yet."
        : string.Join(" ", Rings.Select(r => (r.Label, Count: entries.Count(e => e.Ring == r.Ring)))
            .Select(r => $"{r.Label}: {r.Count}.")) + " The table lists each one.";

    private static string Short(string name) => name.Length <= LabelLength ? name : name[..(LabelLength - 1)].TrimEnd() + "…";
}
