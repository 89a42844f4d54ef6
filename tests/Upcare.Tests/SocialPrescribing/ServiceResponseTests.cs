using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Organisations;
using Upcare.SocialPrescribing;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.SocialPrescribing;

/// <summary>Each directory service shows how it answered referrals in the last 12 months, worked out from the closed-loop history.</summary>
public abstract class ServiceResponseTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A service with referrals, each sent <c>SentDaysAgo</c> and first answered (or not) after <c>AnsweredAfter</c>.</summary>
    private async Task<Guid> ServiceAsync(params (int SentDaysAgo, TimeSpan? AnsweredAfter, CommunityReferralStatus To)[] referrals)
    {
        var now = DateTime.UtcNow;
        var serviceId = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            var vcse = await db.Organisations.Where(o => o.Code == "V99901").Select(o => o.Id).SingleAsync();
            var pcn = await db.Organisations.Where(o => o.Kind == OrganisationKind.PrimaryCareNetwork).Select(o => o.Id).FirstAsync();
            var people = await db.People.OrderBy(p => p.NhsNumber).Select(p => p.Id).Take(referrals.Length).ToListAsync();
            db.CommunityServices.Add(new Upcare.ServiceDirectory.CommunityService { Id = serviceId, OrganisationId = vcse, Name = "Walk and talk " + serviceId.ToString()[..4], Description = "Walks" });
            for (var i = 0; i < referrals.Length; i++)
            {
                var (sentDaysAgo, after, to) = referrals[i];
                var sentAt = now.AddDays(-sentDaysAgo);
                var sp = new SocialPrescribingReferral
                {
                    Id = Guid.NewGuid(), PersonId = people[i], PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = sentAt.AddDays(-1),
                    Status = SocialPrescribingStatus.Discharged, FirstContactDue = DateOnly.FromDateTime(sentAt),
                };
                db.SocialPrescribingReferrals.Add(sp);
                var referral = new CommunityReferral
                {
                    Id = Guid.NewGuid(), SocialPrescribingReferralId = sp.Id, PersonId = people[i], ServiceId = serviceId, ServiceName = "Walk and talk", OrganisationId = vcse,
                    SentByName = "Sam Okafor", SentAt = sentAt, Status = after is null ? CommunityReferralStatus.Requested : to, StatusAt = sentAt,
                    RespondBy = DateOnly.FromDateTime(sentAt.AddDays(10)), SendKey = Guid.NewGuid(), Version = 1,
                };
                db.CommunityReferrals.Add(referral);
                if (after is { } wait)
                {
                    var party = to == CommunityReferralStatus.Cancelled ? ReferralParty.Requester : ReferralParty.Responder;
                    db.ReferralEvents.Add(new ReferralEvent { Id = Guid.NewGuid(), CommunityReferralId = referral.Id, At = sentAt + wait, Party = party, ByName = "Someone", From = CommunityReferralStatus.Requested, To = to, Kind = ReferralEventKind.StatusChange });
                    if (to == CommunityReferralStatus.Accepted)
                    {
                        // Later moves do not count: only the first answer does.
                        db.ReferralEvents.Add(new ReferralEvent { Id = Guid.NewGuid(), CommunityReferralId = referral.Id, At = sentAt + wait + TimeSpan.FromDays(20), Party = party, ByName = "Someone", From = CommunityReferralStatus.Accepted, To = CommunityReferralStatus.InProgress, Kind = ReferralEventKind.StatusChange });
                    }
                }
            }
            return await db.SaveChangesAsync();
        });
        return serviceId;
    }

    private async Task<string> ShownAsync(Guid serviceId)
    {
        var page = await new PageClient(App).GetAsync($"/directory/services/{serviceId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return string.Join(" | ", page.Document.GetElementById("service-responses")!.QuerySelectorAll("p").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public async Task A_service_shows_its_median_time_to_answer_and_share_accepted_over_the_last_12_months()
    {
        // Twelve answered in the year, after 1 to 12 days: nine accepted, three declined. The median of 1..12 is 6.5 days.
        var answered = Enumerable.Range(1, 12).Select(d => (30 + d, (TimeSpan?)TimeSpan.FromDays(d), d <= 9 ? CommunityReferralStatus.Accepted : CommunityReferralStatus.Rejected));
        var serviceId = await ServiceAsync([.. answered,
            (400, TimeSpan.FromDays(90), CommunityReferralStatus.Rejected), // sent 13 months ago: outside the year
            (3, null, CommunityReferralStatus.Requested), // not answered yet
            (20, TimeSpan.FromDays(2), CommunityReferralStatus.Cancelled)]); // withdrawn by the link worker: not an answer
        Assert.Equal("Usually within 6.5 days (the median time to accept or decline) | Accepted 75% of the 12 referrals it answered in the last 12 months", await ShownAsync(serviceId));
        var figures = await App.WithDbAsync(db => new ServiceResponses(db, TimeProvider.System).ForServiceAsync(serviceId));
        Assert.Equal((14, 12, 9), (figures.Sent, figures.Answered, figures.Accepted));
    }

    [Fact]
    public async Task Too_few_answers_are_not_shown()
    {
        var serviceId = await ServiceAsync(Enumerable.Range(1, 9).Select(d => (10 + d, (TimeSpan?)TimeSpan.FromHours(d), CommunityReferralStatus.Accepted)).ToArray());
        Assert.Equal("Fewer than 10 referrals answered through Upcare in the last 12 months, too few to show how it answers", await ShownAsync(serviceId));
    }

    [Theory]
    [InlineData(0.4, "1 hour")]
    [InlineData(3, "3 hours")]
    [InlineData(24, "1 day")]
    [InlineData(36, "1.5 days")]
    [InlineData(156, "6.5 days")]
    public void The_median_reads_in_hours_under_a_day_and_days_above(double hours, string shown) =>
        Assert.Equal(shown, new ServiceResponse(10, 10, 10, TimeSpan.FromHours(hours)).MedianText);
}

public sealed class ServiceResponseOnSqliteTests(SqliteAccessFixture fixture) : ServiceResponseTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class ServiceResponseOnPostgresTests(PostgresAccessFixture fixture) : ServiceResponseTests(fixture), IClassFixture<PostgresAccessFixture>;
