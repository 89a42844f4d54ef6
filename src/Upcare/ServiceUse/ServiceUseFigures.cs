using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Upcare.Commissioning;
using Upcare.Data;
using Upcare.Shared;
using Upcare.SocialPrescribing;

namespace Upcare.ServiceUse;

/// <summary>Contacts of one kind in the months before the referral and the same months after discharge.</summary>
public sealed record ServiceUseRow(ServiceUseKind Kind, int Before, int After)
{
    public string Label => Describe(Kind);

    public static string Describe(ServiceUseKind kind) => kind switch
    {
        ServiceUseKind.GpAppointment => "GP appointments",
        ServiceUseKind.AandEAttendance => "A&E attendances",
        _ => "Emergency admissions",
    };
}

/// <summary>One window (3 or 6 months): how many people it covers and their contacts before and after.</summary>
public sealed record ServiceUseWindow(int Months, int People, int SuppressBelow, IReadOnlyList<ServiceUseRow> Rows)
{
    public bool Shown => People >= SuppressBelow;
}

/// <summary>One person's contacts before their referral and after discharge, for the outcomes contract's evidence.</summary>
public sealed record PersonServiceUse(Guid PersonId, IReadOnlyList<ServiceUseRow> Rows);

/// <summary>
/// Use of GP and hospital services by people who finished social prescribing: contacts in the N months before their
/// (first) referral and in the N months after discharge, counting only people discharged at least N months ago, so
/// every "after" window is complete. Contacts come from both imports: GP and hospital contacts (one row each) and the
/// hospital activity outcomes contracts load (admissions and A&amp;E attendances, with a count).
/// </summary>
public sealed class ServiceUseFigures(UpcareDbContext db, TimeProvider clock, IOptions<CommissioningOptions> options)
{
    public async Task<IReadOnlyList<ServiceUseWindow>> BeforeAndAfterAsync(CancellationToken ct = default) =>
        [await WindowAsync(3, ct), await WindowAsync(6, ct)];

    public async Task<ServiceUseWindow> WindowAsync(int months, CancellationToken ct = default)
    {
        var people = await PersonsAsync(months, null, ct);
        return new ServiceUseWindow(months, people.Count, options.Value.SuppressBelow, Total(people));
    }

    /// <summary>Each of <paramref name="personIds"/> who finished social prescribing at least <paramref name="months"/> months ago, with their contacts.</summary>
    public Task<List<PersonServiceUse>> ForPeopleAsync(IReadOnlyCollection<Guid> personIds, int months, CancellationToken ct = default) =>
        PersonsAsync(months, personIds, ct);

    private static List<ServiceUseRow> Total(IEnumerable<PersonServiceUse> people)
    {
        var all = people.SelectMany(p => p.Rows).ToList();
        return Enum.GetValues<ServiceUseKind>().Select(k => new ServiceUseRow(k, all.Where(r => r.Kind == k).Sum(r => r.Before), all.Where(r => r.Kind == k).Sum(r => r.After))).ToList();
    }

    private async Task<List<PersonServiceUse>> PersonsAsync(int months, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var today = UkTime.Today(clock);
        var dischargedBy = today.AddMonths(-months).ToDateTime(TimeOnly.MaxValue);
        var query = db.SocialPrescribingReferrals.AsNoTracking()
            .Where(r => r.Status == SocialPrescribingStatus.Discharged && r.DischargedAt != null && r.DischargedAt <= dischargedBy);
        var finished = new List<(Guid PersonId, DateTime ReceivedAt, DateTime DischargedAt)>();
        foreach (var chunk in only is null ? [null] : only.Chunk(5000).Select(c => (Guid[]?)c))
        {
            var part = chunk is null ? query : query.Where(r => chunk.Contains(r.PersonId));
            finished.AddRange((await part.Select(r => new { r.PersonId, r.ReceivedAt, DischargedAt = r.DischargedAt!.Value }).ToListAsync(ct))
                .Select(r => (r.PersonId, r.ReceivedAt, r.DischargedAt)));
        }
        // A person referred more than once counts once, by their first finished referral.
        var people = finished.GroupBy(r => r.PersonId).Select(g => g.OrderBy(r => r.ReceivedAt).First())
            .ToDictionary(r => r.PersonId, r => (Referred: DateOnly.FromDateTime(r.ReceivedAt), Discharged: DateOnly.FromDateTime(r.DischargedAt)));
        var counts = people.Keys.ToDictionary(p => p, _ => new Dictionary<ServiceUseKind, (int Before, int After)>());
        void Count(Guid personId, ServiceUseKind kind, DateOnly on, int count)
        {
            var (referred, discharged) = people[personId];
            var now = counts[personId].GetValueOrDefault(kind);
            if (on >= referred.AddMonths(-months) && on < referred)
            {
                counts[personId][kind] = (now.Before + count, now.After);
            }
            else if (on > discharged && on <= discharged.AddMonths(months))
            {
                counts[personId][kind] = (now.Before, now.After + count);
            }
        }
        foreach (var chunk in people.Keys.Chunk(5000))
        {
            foreach (var e in await db.ServiceUseEvents.AsNoTracking().Where(e => chunk.Contains(e.PersonId)).Select(e => new { e.PersonId, e.Kind, e.On }).ToListAsync(ct))
            {
                Count(e.PersonId, e.Kind, e.On, 1);
            }
            foreach (var a in await db.ActivityRecords.AsNoTracking().Where(a => chunk.Contains(a.PersonId) && a.Kind != ActivityKind.BedDays)
                .Select(a => new { a.PersonId, a.Kind, a.On, a.Count }).ToListAsync(ct))
            {
                Count(a.PersonId, a.Kind == ActivityKind.Admission ? ServiceUseKind.EmergencyAdmission : ServiceUseKind.AandEAttendance, a.On, a.Count);
            }
        }
        return counts.Select(c => new PersonServiceUse(c.Key, Enum.GetValues<ServiceUseKind>()
            .Select(k => new ServiceUseRow(k, c.Value.GetValueOrDefault(k).Before, c.Value.GetValueOrDefault(k).After)).ToList())).ToList();
    }
}
