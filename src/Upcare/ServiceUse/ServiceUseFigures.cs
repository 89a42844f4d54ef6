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
    public string Label => Kind switch
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

/// <summary>
/// Use of GP and hospital services by people who finished social prescribing: contacts in the N months before their
/// (first) referral and in the N months after discharge, counting only people discharged at least N months ago, so
/// every "after" window is complete.
/// </summary>
public sealed class ServiceUseFigures(UpcareDbContext db, TimeProvider clock, IOptions<CommissioningOptions> options)
{
    public async Task<IReadOnlyList<ServiceUseWindow>> BeforeAndAfterAsync(CancellationToken ct = default) =>
        [await WindowAsync(3, ct), await WindowAsync(6, ct)];

    public async Task<ServiceUseWindow> WindowAsync(int months, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var dischargedBy = today.AddMonths(-months).ToDateTime(TimeOnly.MaxValue);
        var finished = await db.SocialPrescribingReferrals.AsNoTracking()
            .Where(r => r.Status == SocialPrescribingStatus.Discharged && r.DischargedAt != null && r.DischargedAt <= dischargedBy)
            .Select(r => new { r.PersonId, r.ReceivedAt, DischargedAt = r.DischargedAt!.Value })
            .ToListAsync(ct);
        // A person referred more than once counts once, by their first finished referral.
        var people = finished.GroupBy(r => r.PersonId).Select(g => g.OrderBy(r => r.ReceivedAt).First())
            .ToDictionary(r => r.PersonId, r => (Referred: DateOnly.FromDateTime(r.ReceivedAt), Discharged: DateOnly.FromDateTime(r.DischargedAt)));
        var before = new Dictionary<ServiceUseKind, int>();
        var after = new Dictionary<ServiceUseKind, int>();
        foreach (var chunk in people.Keys.Chunk(5000))
        {
            var events = await db.ServiceUseEvents.AsNoTracking().Where(e => chunk.Contains(e.PersonId)).Select(e => new { e.PersonId, e.Kind, e.On }).ToListAsync(ct);
            foreach (var e in events)
            {
                var (referred, discharged) = people[e.PersonId];
                if (e.On >= referred.AddMonths(-months) && e.On < referred)
                {
                    before[e.Kind] = before.GetValueOrDefault(e.Kind) + 1;
                }
                else if (e.On > discharged && e.On <= discharged.AddMonths(months))
                {
                    after[e.Kind] = after.GetValueOrDefault(e.Kind) + 1;
                }
            }
        }
        var suppressBelow = options.Value.SuppressBelow;
        return new ServiceUseWindow(months, people.Count, suppressBelow,
            Enum.GetValues<ServiceUseKind>().Select(k => new ServiceUseRow(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k))).ToList());
    }
}
