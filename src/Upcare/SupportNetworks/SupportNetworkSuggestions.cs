using Microsoft.EntityFrameworkCore;
using Upcare.Data;
using Upcare.PeerSupport;
using Upcare.People;
using Upcare.SocialPrescribing;

namespace Upcare.SupportNetworks;

/// <summary>Someone or something Upcare already knows supports the person, offered for them to keep or turn down.</summary>
public sealed record SupportSuggestion(string Key, SupportSource Source, SupportKind Kind, string Name, string Detail, SupportRing Ring, SupportGives Gives);

/// <summary>Fills in what Upcare knows: the person's carers, the peer groups they belong to, the community services they go to.</summary>
public sealed class SupportNetworkSuggestions(UpcareDbContext db, PersonService people, PeerSupportService peerSupport, CommunityReferralService communityReferrals)
{
    /// <summary>The suggestions not yet kept or turned down.</summary>
    public async Task<List<SupportSuggestion>> ForAsync(Guid personId, CancellationToken ct = default)
    {
        var answered = (await db.SupportNetworkEntries.AsNoTracking().Where(e => e.PersonId == personId && e.SourceKey != null)
            .Select(e => e.SourceKey!).ToListAsync(ct)).ToHashSet();
        var all = new List<SupportSuggestion>();
        if (await people.GetAsync(personId, ct) is { } person)
        {
            all.AddRange(person.Contacts.Where(c => c.IsCarer).Select(c => new SupportSuggestion(
                $"carer:{c.Id}", SupportSource.Carer, SupportKind.Person, c.Name, c.Relationship, SupportRing.Closest, SupportGives.Practical | SupportGives.Emotional)));
        }
        all.AddRange((await peerSupport.MyGroupsAsync(personId, ct)).Select(g => new SupportSuggestion(
            $"peer-group:{g.Group.Id}", SupportSource.PeerGroup, SupportKind.Group, g.Group.Name, $"Peer support group: {g.Group.Meets}",
            SupportRing.Middle, SupportGives.Company | SupportGives.Emotional)));
        all.AddRange((await communityReferrals.ForPersonAsync(personId, ct))
            .Where(r => r.Status is CommunityReferralStatus.InProgress or CommunityReferralStatus.Completed)
            .GroupBy(r => r.ServiceId).Select(g => g.First())
            .Select(r => new SupportSuggestion($"community-service:{r.ServiceId}", SupportSource.CommunityService, SupportKind.Group, r.ServiceName,
                r.Status == CommunityReferralStatus.InProgress ? "Community service they go to" : "Community service they went to",
                SupportRing.Outer, SupportGives.Company)));
        return all.Where(s => !answered.Contains(s.Key)).ToList();
    }
}
