namespace Upcare.PeerSupport;

/// <summary>A peer support group for people who share a condition or situation, run by an organiser.</summary>
public class PeerGroup
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The condition or situation it is for (a code from <see cref="PeerSupportOptions.Topics"/>).</summary>
    public string Topic { get; set; } = "";

    public string Description { get; set; } = "";
    public string Meets { get; set; } = "";
    public string Place { get; set; } = "";
    public string? OnlineLink { get; set; }
    public int Capacity { get; set; }
    public string Facilitator { get; set; } = "";
    public Guid OrganiserUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A person in a group, from joining until they leave (kept, so attendance keeps its meaning).</summary>
public class PeerGroupMember
{
    public Guid Id { get; set; }
    public Guid GroupId { get; set; }
    public Guid PersonId { get; set; }
    public DateTime JoinedAt { get; set; }
    public DateTime? LeftAt { get; set; }
}

/// <summary>A member at a meeting of the group.</summary>
public class PeerAttendance
{
    public Guid Id { get; set; }
    public Guid GroupId { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly On { get; set; }
    public string RecordedByName { get; set; } = "";
}

/// <summary>
/// A person's opt-in to being matched for one condition or situation. Nothing about a person's condition is used for
/// matching, or shown to anyone, without this row; opting out deletes it.
/// </summary>
public class PeerOptIn
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Topic { get; set; } = "";
    public DateTime OptedInAt { get; set; }
}

/// <summary>A condition or situation people can meet others about.</summary>
public sealed class PeerTopic
{
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>Local peer support settings (section Upcare:PeerSupport).</summary>
public sealed class PeerSupportOptions
{
    public List<PeerTopic> Topics { get; set; } = [];

    /// <summary>How near another opted-in person must live to be suggested, in miles (by postcode), when both postcodes are known.</summary>
    public double NearbyMiles { get; set; } = 5;

    public string Label(string code) => Topics.FirstOrDefault(t => t.Code == code)?.Label ?? code;
}
