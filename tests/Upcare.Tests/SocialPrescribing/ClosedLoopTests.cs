using Upcare.SocialPrescribing;

namespace Upcare.Tests.SocialPrescribing;

/// <summary>The closed-loop rules against the Gravity SDOH Clinical Care table of who sets which Task status.</summary>
public class ClosedLoopTests
{
    // Written out from the Gravity table (reference/personalised-care-model.md, section 2.3), independently of the code.
    private static readonly Dictionary<CommunityReferralStatus, ReferralParty[]> SetBy = new()
    {
        [CommunityReferralStatus.Requested] = [ReferralParty.Requester],
        [CommunityReferralStatus.Accepted] = [ReferralParty.Responder],
        [CommunityReferralStatus.Rejected] = [ReferralParty.Responder],
        [CommunityReferralStatus.InProgress] = [ReferralParty.Responder],
        [CommunityReferralStatus.OnHold] = [ReferralParty.Responder],
        [CommunityReferralStatus.Failed] = [ReferralParty.Responder],
        [CommunityReferralStatus.Completed] = [ReferralParty.Responder],
        [CommunityReferralStatus.Cancelled] = [ReferralParty.Requester, ReferralParty.Responder, ReferralParty.System],
        [CommunityReferralStatus.EnteredInError] = [ReferralParty.Requester],
    };

    private static readonly CommunityReferralStatus[] Final =
        [CommunityReferralStatus.Rejected, CommunityReferralStatus.Failed, CommunityReferralStatus.Completed, CommunityReferralStatus.Cancelled, CommunityReferralStatus.EnteredInError];

    public static TheoryData<CommunityReferralStatus, CommunityReferralStatus, ReferralParty> EveryMove()
    {
        var data = new TheoryData<CommunityReferralStatus, CommunityReferralStatus, ReferralParty>();
        foreach (var from in Enum.GetValues<CommunityReferralStatus>())
        {
            foreach (var to in Enum.GetValues<CommunityReferralStatus>())
            {
                foreach (var party in Enum.GetValues<ReferralParty>())
                {
                    data.Add(from, to, party);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Only_the_right_side_moves_a_referral_and_never_out_of_a_final_status(CommunityReferralStatus from, CommunityReferralStatus to, ReferralParty party)
    {
        var refusal = ClosedLoop.Refusal(from, to, party);
        if (!SetBy[to].Contains(party) || Final.Contains(from) || to == CommunityReferralStatus.Requested || to == from)
        {
            Assert.NotNull(refusal);
        }
        if (Final.Contains(from) && SetBy[to].Contains(party))
        {
            Assert.Equal($"This referral is already {ClosedLoop.Label(from).ToLowerInvariant()}, so it cannot change", refusal);
        }
    }

    [Fact]
    public void The_closed_loop_runs_requested_accepted_started_finished_and_each_ending_needs_a_reason()
    {
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.Requested, CommunityReferralStatus.Accepted, ReferralParty.Responder));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.Accepted, CommunityReferralStatus.InProgress, ReferralParty.Responder));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.InProgress, CommunityReferralStatus.OnHold, ReferralParty.Responder));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.OnHold, CommunityReferralStatus.InProgress, ReferralParty.Responder));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.InProgress, CommunityReferralStatus.Completed, ReferralParty.Responder));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.Requested, CommunityReferralStatus.Cancelled, ReferralParty.Requester));
        Assert.Null(ClosedLoop.Refusal(CommunityReferralStatus.Accepted, CommunityReferralStatus.EnteredInError, ReferralParty.Requester));
        Assert.NotNull(ClosedLoop.Refusal(CommunityReferralStatus.Requested, CommunityReferralStatus.Completed, ReferralParty.Responder));
        Assert.Equal(["Rejected", "Failed", "Cancelled", "EnteredInError"],
            Enum.GetValues<CommunityReferralStatus>().Where(ClosedLoop.NeedsReason).Select(s => s.ToString()));
        Assert.Equal(["in-progress", "on-hold", "entered-in-error", "completed"],
            new[] { CommunityReferralStatus.InProgress, CommunityReferralStatus.OnHold, CommunityReferralStatus.EnteredInError, CommunityReferralStatus.Completed }.Select(ClosedLoop.FhirCode));
    }
}
