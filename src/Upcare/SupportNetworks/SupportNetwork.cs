namespace Upcare.SupportNetworks;

/// <summary>What kind of support someone or something is in a person's support network.</summary>
public enum SupportKind
{
    Person,
    Group,
    Place,
}

/// <summary>How close a support is to the person: the rings of the picture, from the centre out.</summary>
public enum SupportRing
{
    Closest,
    Middle,
    Outer,
}

/// <summary>What a support gives the person; one support may give several.</summary>
[Flags]
public enum SupportGives
{
    None = 0,
    Practical = 1,
    Emotional = 2,
    Company = 4,
    Information = 8,
}

/// <summary>The single kinds of support in a combination.</summary>
public static class SupportGivesExtensions
{
    public static List<SupportGives> Each(this SupportGives gives) =>
        Enum.GetValues<SupportGives>().Where(g => g != SupportGives.None && gives.HasFlag(g)).ToList();
}

/// <summary>Where an entry came from: added by hand, or suggested from what Upcare already knows.</summary>
public enum SupportSource
{
    Added,
    Carer,
    PeerGroup,
    CommunityService,
}

/// <summary>
/// One person, group or place in someone's support network (People Powered Health's "recovery capital"): who or what
/// it is, how close, and what it gives. Removed entries are kept, dated, so snapshots and the history stay true.
/// </summary>
public class SupportNetworkEntry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public SupportKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>In the person's words: who they are to them, or when and where ("my daughter", "Tuesday mornings").</summary>
    public string Detail { get; set; } = "";

    public SupportRing Ring { get; set; }
    public SupportGives Gives { get; set; }
    public SupportSource Source { get; set; }

    /// <summary>For a suggestion kept or turned down: what it came from ("peer-group:{id}"). Unique per person, so a suggestion is answered once.</summary>
    public string? SourceKey { get; set; }

    public DateTime AddedAt { get; set; }
    public string AddedByName { get; set; } = "";
    public DateTime? RemovedAt { get; set; }
    public string? RemovedByName { get; set; }

    /// <summary>A suggestion the person chose not to keep: never shown, only remembered so it is not suggested again.</summary>
    public bool TurnedDown { get; set; }

    public int Version { get; set; }

    public bool IsCurrent => RemovedAt is null && !TurnedDown;

    /// <summary>The entry as a snapshot keeps it and the picture draws it.</summary>
    public SnapshotEntry ToSnapshot() => new(Id, Kind, Name, Detail, Ring, Gives);

    /// <summary>Moves the entry to another ring or changes what it gives; refused (false) if it was removed or changed since <paramref name="version"/>.</summary>
    public bool Change(SupportRing ring, SupportGives gives, string detail, int version)
    {
        if (!IsCurrent || version != Version)
        {
            return false;
        }
        (Ring, Gives, Detail) = (ring, gives, detail);
        Version++;
        return true;
    }

    /// <summary>Takes the entry off the picture; false if it was already off.</summary>
    public bool Remove(string byName, DateTime at)
    {
        if (!IsCurrent)
        {
            return false;
        }
        (RemovedAt, RemovedByName) = (at, byName);
        Version++;
        return true;
    }
}

/// <summary>The network as it stood on a day, kept so the person and their link worker see it change over time.</summary>
public class SupportNetworkSnapshot
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateTime TakenAt { get; set; }
    public string TakenByName { get; set; } = "";

    /// <summary>What the moment was, in the taker's words ("first conversation", "at discharge").</summary>
    public string Label { get; set; } = "";

    /// <summary>The entries then, as JSON (<see cref="SnapshotEntry"/>): a copy, since entries move rings later.</summary>
    public string EntriesJson { get; set; } = "[]";
}

/// <summary>One entry as a snapshot keeps it.</summary>
public sealed record SnapshotEntry(Guid Id, SupportKind Kind, string Name, string Detail, SupportRing Ring, SupportGives Gives);

/// <summary>
/// Someone the person lets see their support network. Only the person gives this, or a practitioner records the
/// person's agreement in conversation; once the person withdraws it from someone, only the person can give it again.
/// </summary>
public class SupportNetworkShare
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public DateTime SharedAt { get; set; }

    /// <summary>True when a practitioner recorded the person's agreement; false when the person shared it themselves.</summary>
    public bool AgreementRecordedByPractitioner { get; set; }

    public DateTime? WithdrawnAt { get; set; }
}
