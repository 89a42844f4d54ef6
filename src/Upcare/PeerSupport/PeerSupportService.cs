using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Access;
using Upcare.Data;
using Upcare.ServiceDirectory;
using Upcare.Shared;

namespace Upcare.PeerSupport;

/// <summary>What an organiser types to start a group.</summary>
public sealed class GroupForm
{
    public string? Name { get; set; }
    public string? Topic { get; set; }
    public string? Description { get; set; }
    public string? Meets { get; set; }
    public string? Place { get; set; }
    public string? OnlineLink { get; set; }
    public string? Capacity { get; set; }
    public string? Facilitator { get; set; }
}

/// <summary>A group suggested to a person, with the places left.</summary>
public sealed record GroupSuggestion(PeerGroup Group, string TopicLabel, int PlacesLeft);

/// <summary>Someone else who opted in for the same condition or situation, nearby: first name and area only.</summary>
public sealed record PeerSuggestion(string GivenName, string Area, IReadOnlyList<string> SharedTopics);

/// <summary>A group's member, as its organiser sees them.</summary>
public sealed record GroupMember(Guid PersonId, string Name, DateTime JoinedAt, int Attended);

/// <summary>
/// Peer support: groups for a condition or situation, run by organisers; people opt in to being matched for the
/// conditions they choose and are suggested groups and, if both opted in, peers nearby. Matching uses only opt-in rows:
/// nobody's condition is read from their record or shown to anyone who has not opted in for it too, and opting out
/// deletes the rows at once.
/// </summary>
public class PeerSupportService(UpcareDbContext db, PersonAccess access, PostcodeDirectory postcodes, TimeProvider clock, IOptions<PeerSupportOptions> options)
{
    private CurrentUser User => access.User;
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    public IReadOnlyList<PeerTopic> Topics => options.Value.Topics;
    public string Label(string code) => options.Value.Label(code);

    private void EnsureThePerson(Guid personId)
    {
        if (User.Role != UserRole.Person || User.PersonId != personId)
        {
            throw new UnauthorizedAccessException("Only the person chooses this for themselves");
        }
    }

    public Task<List<string>> OptedInAsync(Guid personId, CancellationToken ct = default) =>
        db.PeerOptIns.AsNoTracking().Where(o => o.PersonId == personId).Select(o => o.Topic).ToListAsync(ct);

    /// <summary>Sets the conditions or situations the person is willing to be matched on (none = opted out, rows deleted).</summary>
    public async Task SetOptInAsync(Guid personId, IReadOnlyCollection<string> topics, CancellationToken ct = default)
    {
        EnsureThePerson(personId);
        var chosen = topics.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().ToList();
        if (chosen.Any(t => Topics.All(k => k.Code != t)))
        {
            throw new ValidationFailedException([new FieldError("Topics", "Choose from the list")]);
        }
        await db.PeerOptIns.Where(o => o.PersonId == personId && !chosen.Contains(o.Topic)).ExecuteDeleteAsync(ct);
        var have = await OptedInAsync(personId, ct);
        foreach (var topic in chosen.Except(have))
        {
            db.PeerOptIns.Add(new PeerOptIn { Id = Guid.NewGuid(), PersonId = personId, Topic = topic, OptedInAt = Now });
        }
        access.Stage(personId, chosen.Count == 0 ? "peer-opt-out" : "peer-opt-in", "POST /me/peer-support", chosen.Count == 0 ? "Not matched on anything" : $"Matched on {chosen.Count} conditions or situations");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Groups for the conditions the person opted in for, with places left and not already joined.</summary>
    public async Task<List<GroupSuggestion>> SuggestedGroupsAsync(Guid personId, CancellationToken ct = default)
    {
        var topics = await OptedInAsync(personId, ct);
        var groups = await db.PeerGroups.AsNoTracking()
            .Where(g => topics.Contains(g.Topic) && !db.PeerGroupMembers.Any(m => m.GroupId == g.Id && m.PersonId == personId && m.LeftAt == null))
            .Select(g => new { Group = g, Members = db.PeerGroupMembers.Count(m => m.GroupId == g.Id && m.LeftAt == null) })
            .ToListAsync(ct);
        return groups.Where(g => g.Members < g.Group.Capacity).OrderBy(g => g.Group.Name)
            .Select(g => new GroupSuggestion(g.Group, Label(g.Group.Topic), g.Group.Capacity - g.Members)).ToList();
    }

    /// <summary>
    /// Other people who opted in for a condition or situation this person also opted in for, and live nearby (the same
    /// postcode district, or within the set distance when both postcodes are in the lookup). Only first name and area.
    /// </summary>
    public async Task<List<PeerSuggestion>> SuggestedPeersAsync(Guid personId, CancellationToken ct = default)
    {
        var mine = await OptedInAsync(personId, ct);
        if (mine.Count == 0)
        {
            return [];
        }
        var me = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Postcode }).FirstAsync(ct);
        var candidates = await db.PeerOptIns.AsNoTracking()
            .Where(o => o.PersonId != personId && mine.Contains(o.Topic))
            .Join(db.People.AsNoTracking(), o => o.PersonId, p => p.Id, (o, p) => new { p.Id, p.GivenName, p.Postcode, o.Topic })
            .ToListAsync(ct);
        var home = me.Postcode is { } pc ? await postcodes.FindAsync(pc, ct) : null;
        var result = new List<PeerSuggestion>();
        foreach (var person in candidates.GroupBy(c => c.Id))
        {
            var first = person.First();
            if (first.Postcode is null || me.Postcode is null)
            {
                continue;
            }
            var near = Postcode.Outward(first.Postcode) == Postcode.Outward(me.Postcode);
            if (!near && home is { } h && await postcodes.FindAsync(first.Postcode, ct) is { } there)
            {
                near = PostcodeDirectory.DistanceMiles(h.Latitude, h.Longitude, there.Latitude, there.Longitude) <= options.Value.NearbyMiles;
            }
            if (near)
            {
                result.Add(new PeerSuggestion(first.GivenName, Postcode.Outward(first.Postcode), person.Select(p => Label(p.Topic)).Distinct().ToList()));
            }
        }
        return result.OrderBy(r => r.GivenName).ToList();
    }

    public async Task<List<(PeerGroup Group, string TopicLabel)>> MyGroupsAsync(Guid personId, CancellationToken ct = default) =>
        (await db.PeerGroups.AsNoTracking().Where(g => db.PeerGroupMembers.Any(m => m.GroupId == g.Id && m.PersonId == personId && m.LeftAt == null)).OrderBy(g => g.Name).ToListAsync(ct))
        .Select(g => (g, Label(g.Topic))).ToList();

    /// <summary>The person joins a group for a condition they opted in for, if it has a place.</summary>
    public async Task JoinAsync(Guid personId, Guid groupId, CancellationToken ct = default)
    {
        EnsureThePerson(personId);
        var group = await db.PeerGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) ?? throw new KeyNotFoundException();
        if (!await db.PeerOptIns.AnyAsync(o => o.PersonId == personId && o.Topic == group.Topic, ct))
        {
            throw new ValidationFailedException([new FieldError("", $"Choose \"{Label(group.Topic)}\" in what you are happy to be matched on first")]);
        }
        if (await db.PeerGroupMembers.AnyAsync(m => m.GroupId == groupId && m.PersonId == personId && m.LeftAt == null, ct))
        {
            return;
        }
        if (await db.PeerGroupMembers.CountAsync(m => m.GroupId == groupId && m.LeftAt == null, ct) >= group.Capacity)
        {
            throw new ValidationFailedException([new FieldError("", $"{group.Name} is full")]);
        }
        db.PeerGroupMembers.Add(new PeerGroupMember { Id = Guid.NewGuid(), GroupId = groupId, PersonId = personId, JoinedAt = Now });
        access.Stage(personId, "peer-group-joined", "POST /me/peer-support", group.Name);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The person leaves a group, at any time.</summary>
    public async Task LeaveAsync(Guid personId, Guid groupId, CancellationToken ct = default)
    {
        EnsureThePerson(personId);
        foreach (var member in await db.PeerGroupMembers.Where(m => m.GroupId == groupId && m.PersonId == personId && m.LeftAt == null).ToListAsync(ct))
        {
            member.LeftAt = Now;
        }
        access.Stage(personId, "peer-group-left", "POST /me/peer-support", null);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An organiser starts a group.</summary>
    public async Task<PeerGroup> CreateGroupAsync(GroupForm form, CancellationToken ct = default)
    {
        var v = new Validation();
        var name = v.Required(nameof(form.Name), form.Name, "Enter the group's name", 200, "Name");
        if (Topics.All(t => t.Code != form.Topic))
        {
            v.Add(nameof(form.Topic), "Select the condition or situation the group is for");
        }
        var description = v.Optional(nameof(form.Description), form.Description, 2000, "Description") ?? "";
        var meets = v.Required(nameof(form.Meets), form.Meets, "Enter when the group meets, for example 'Tuesdays, 2pm to 3:30pm'", 200, "When it meets");
        var place = v.Optional(nameof(form.Place), form.Place, 300, "Where") ?? "";
        var link = v.Optional(nameof(form.OnlineLink), form.OnlineLink, 500, "Online link");
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            v.Add(nameof(form.OnlineLink), "Enter the online link as a full address starting https://");
        }
        if (place.Length == 0 && link is null)
        {
            v.Add(nameof(form.Place), "Enter where the group meets, or an online link");
        }
        if (!int.TryParse(form.Capacity?.Trim(), out var capacity) || capacity is < 2 or > 500)
        {
            v.Add(nameof(form.Capacity), "Enter how many people the group can take, from 2 to 500");
        }
        var facilitator = v.Required(nameof(form.Facilitator), form.Facilitator, "Enter who facilitates the group", 200, "Facilitator");
        v.ThrowIfInvalid();
        var group = new PeerGroup
        {
            Id = Guid.NewGuid(), Name = name!, Topic = form.Topic!, Description = description, Meets = meets!, Place = place, OnlineLink = link, Capacity = capacity,
            Facilitator = facilitator!, OrganiserUserId = User.Id!.Value, CreatedAt = Now,
        };
        db.PeerGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return group;
    }

    public async Task<List<(PeerGroup Group, int Members)>> OrganisedAsync(CancellationToken ct = default)
    {
        var me = User.Id;
        var rows = await db.PeerGroups.AsNoTracking().Where(g => g.OrganiserUserId == me)
            .Select(g => new { Group = g, Members = db.PeerGroupMembers.Count(m => m.GroupId == g.Id && m.LeftAt == null) }).OrderBy(g => g.Group.Name).ToListAsync(ct);
        return rows.Select(r => (r.Group, r.Members)).ToList();
    }

    /// <summary>A group the signed-in organiser runs, with its members (null when it is not theirs).</summary>
    public async Task<(PeerGroup Group, List<GroupMember> Members)?> OrganisedGroupAsync(Guid groupId, CancellationToken ct = default)
    {
        var me = User.Id;
        if (await db.PeerGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId && g.OrganiserUserId == me, ct) is not { } group)
        {
            return null;
        }
        var members = await db.PeerGroupMembers.AsNoTracking().Where(m => m.GroupId == groupId && m.LeftAt == null)
            .Join(db.People.AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { m.PersonId, p.GivenName, p.FamilyName, m.JoinedAt })
            .Select(x => new { x.PersonId, x.GivenName, x.FamilyName, x.JoinedAt, Attended = db.PeerAttendances.Count(a => a.GroupId == groupId && a.PersonId == x.PersonId) })
            .OrderBy(x => x.FamilyName).ToListAsync(ct);
        return (group, members.Select(m => new GroupMember(m.PersonId, $"{m.GivenName} {m.FamilyName}", m.JoinedAt, m.Attended)).ToList());
    }

    /// <summary>Records who came to a meeting (members only; recording the same day again adds nobody twice).</summary>
    public async Task<int> RecordAttendanceAsync(Guid groupId, DateParts on, IReadOnlyCollection<Guid> present, CancellationToken ct = default)
    {
        if (await OrganisedGroupAsync(groupId, ct) is not { } found)
        {
            throw new KeyNotFoundException();
        }
        var v = new Validation();
        if (!on.TryParse("Date of the meeting", out var day, out var error))
        {
            v.Add("On", error!);
        }
        else if (day > UkTime.Today(clock))
        {
            v.Add("On", "Date of the meeting must be today or in the past");
        }
        if (present.Count == 0)
        {
            v.Add("Present", "Select who came");
        }
        v.ThrowIfInvalid();
        var members = found.Members.Select(m => m.PersonId).ToHashSet();
        var already = await db.PeerAttendances.Where(a => a.GroupId == groupId && a.On == day).Select(a => a.PersonId).ToListAsync(ct);
        var added = 0;
        foreach (var personId in present.Where(members.Contains).Except(already))
        {
            db.PeerAttendances.Add(new PeerAttendance { Id = Guid.NewGuid(), GroupId = groupId, PersonId = personId, On = day, RecordedByName = User.Name });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
