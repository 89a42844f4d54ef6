using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.ServiceDirectory;
using Upcare.SocialPrescribing;
using Upcare.Tests.Infrastructure;
using Upcare.Tests.ServiceDirectory;

namespace Upcare.Tests.SocialPrescribing;

/// <summary>Social prescribing through the pages, with real users of each kind, on each provider.</summary>
public abstract class SocialPrescribingTests(DirectoryFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>The people in one referral's story: a person nobody has referred yet, their clinician, a link worker of their PCN.</summary>
    private sealed record Cast(Guid PersonId, string Person, PageClient Clinician, string ClinicianEmail, PageClient LinkWorker, string LinkWorkerEmail);

    private async Task<Cast> CastAsync()
    {
        var (personId, practiceId, pcnId) = await App.WithDbAsync(async db =>
        {
            var person = await db.People.Where(p => p.GpPracticeId != null && !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id))
                .Select(p => new { p.Id, Practice = p.GpPracticeId!.Value }).FirstAsync();
            var pcn = await db.Organisations.Where(o => o.Id == person.Practice).Select(o => o.ParentId!.Value).SingleAsync();
            return (person.Id, person.Practice, pcn);
        });
        var personEmail = await App.CreateUserAsync(UserRole.Person, personId: personId);
        var clinicianEmail = await App.CreateUserAsync(UserRole.Clinician, practiceId, name: "Dr Test Referrer");
        var linkWorkerEmail = await App.CreateUserAsync(UserRole.LinkWorker, pcnId, name: "Lee Linkworker");
        return new Cast(personId, personEmail, await PageClient.SignedInAsync(App, clinicianEmail), clinicianEmail, await PageClient.SignedInAsync(App, linkWorkerEmail), linkWorkerEmail);
    }

    /// <summary>A service taking referrals, and a VCSE worker of the organisation that runs it.</summary>
    private async Task<(Guid ServiceId, PageClient Vcse)> ServiceAsync(int skip = 0)
    {
        var (serviceId, organisation) = await App.WithDbAsync(async db =>
        {
            var s = await db.CommunityServices.Where(s => s.Status == ServiceStatus.Active && s.Availability == ServiceAvailability.TakingReferrals)
                .OrderBy(s => s.Id).Skip(skip).Select(s => new { s.Id, s.OrganisationId }).FirstAsync();
            return (s.Id, s.OrganisationId);
        });
        return (serviceId, await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, organisation, name: "Vic Volunteer")));
    }

    /// <summary>A VCSE worker of an organisation that does not run the service.</summary>
    private async Task<PageClient> OtherVcseAsync(Guid serviceId)
    {
        var organisation = await App.WithDbAsync(db => db.Organisations.Where(o => o.Kind == Upcare.Organisations.OrganisationKind.VcseOrganisation
            && !db.CommunityServices.Any(s => s.Id == serviceId && s.OrganisationId == o.Id)).Select(o => o.Id).FirstAsync());
        return await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, organisation));
    }

    private async Task<SocialPrescribingReferral> ReferralOfAsync(Guid personId) =>
        await App.WithDbAsync(db => db.SocialPrescribingReferrals.AsNoTracking().Include(r => r.Needs).SingleAsync(r => r.PersonId == personId && r.Status != SocialPrescribingStatus.Discharged));

    private static Dictionary<string, string> Referral() => new()
    {
        ["Input.Reason"] = "Lonely since his wife died; struggling with bills", ["Input.Needs"] = "loneliness", ["Input.ConsentToContact"] = "true",
    };

    /// <summary>Refers, takes on, and returns the referral's page address.</summary>
    private async Task<(SocialPrescribingReferral Referral, string Url)> ReferredAndTakenOnAsync(Cast cast)
    {
        var sent = await cast.Clinician.SubmitAsync($"/people/{cast.PersonId}/social-prescribing/refer", Referral());
        Assert.True(sent.Status == HttpStatusCode.Redirect, string.Join("; ", sent.ErrorSummary));
        var caseload = await cast.LinkWorker.GetAsync("/social-prescribing");
        var referral = await ReferralOfAsync(cast.PersonId);
        var taken = await cast.LinkWorker.SubmitFormAsync(caseload, "/social-prescribing", new Dictionary<string, string>(), handler: "TakeOn&referralId=" + referral.Id);
        Assert.Equal(HttpStatusCode.Redirect, taken.Status);
        return (await ReferralOfAsync(cast.PersonId), $"/people/{cast.PersonId}/social-prescribing/{referral.Id}");
    }

    private async Task<Guid> SendAsync(Cast cast, string url, Guid serviceId)
    {
        var form = await cast.LinkWorker.GetAsync($"{url}/send/{serviceId}");
        var sent = await cast.LinkWorker.SubmitFormAsync(form, $"{url}/send/{serviceId}", new Dictionary<string, string> { ["Input.ConsentToShare"] = "true", ["Input.Note"] = "Prefers afternoons" });
        Assert.True(sent.Status == HttpStatusCode.Redirect, string.Join("; ", sent.ErrorSummary));
        return await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.PersonId == cast.PersonId && c.ServiceId == serviceId).OrderByDescending(c => c.SentAt).Select(c => c.Id).FirstAsync());
    }

    private static Task<PageResult> ChangeStatusAsync(PageClient client, PageResult page, Guid id, string to, string reason = "", string? declineReason = null) =>
        client.SubmitFormAsync(page, $"/community-referrals/{id}",
            new Dictionary<string, string> { ["To"] = to, ["Reason"] = reason, ["DeclineReason"] = declineReason! }, handler: "Status");

    private async Task<CommunityReferralStatus> StatusAsync(Guid id) =>
        await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    [Fact]
    public async Task The_whole_loop_from_the_GP_to_a_community_group_and_back()
    {
        var cast = await CastAsync();
        var (serviceId, vcse) = await ServiceAsync();

        // The clinician refers; the link worker sees it as new and takes it on.
        var (referral, url) = await ReferredAndTakenOnAsync(cast);
        Assert.Equal(SocialPrescribingStatus.WaitingForFirstContact, referral.Status);
        Assert.Equal("871731000000106", referral.Code);
        Assert.Equal(["loneliness"], referral.Needs.Select(n => n.Code));
        Assert.True(await App.WithDbAsync(db => db.CaseloadAssignments.AnyAsync(a => a.PersonId == cast.PersonId && a.EndedAt == null && db.Users.Any(u => u.Id == a.UserId && u.Email == cast.LinkWorkerEmail))));

        // First contact makes it active; what matters is kept in the person's words.
        var page = await cast.LinkWorker.GetAsync(url);
        var contact = await cast.LinkWorker.SubmitFormAsync(page, url, new Dictionary<string, string> { ["Contact.Mode"] = "Phone", ["Contact.Minutes"] = "40" }, handler: "Contact");
        Assert.True(contact.Status == HttpStatusCode.Redirect, string.Join("; ", contact.ErrorSummary));
        page = await cast.LinkWorker.GetAsync(url);
        await cast.LinkWorker.SubmitFormAsync(page, url, new Dictionary<string, string> { ["WhatMatters"] = "Getting back to my allotment" }, handler: "WhatMatters");
        referral = await ReferralOfAsync(cast.PersonId);
        Assert.Equal(SocialPrescribingStatus.Active, referral.Status);
        Assert.Equal("Getting back to my allotment", referral.WhatMatters);

        // Referral on to a community service; the organisation sees only what was shared, accepts, records a session and completes.
        var id = await SendAsync(cast, url, serviceId);
        var inbox = await vcse.GetAsync("/community-referrals");
        Assert.Contains($"/community-referrals/{id}", inbox.Document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        var shown = await vcse.GetAsync($"/community-referrals/{id}");
        Assert.Contains("Prefers afternoons", shown.Text);
        Assert.DoesNotContain("allotment", shown.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(vcse, shown, id, "Accepted")).Status);
        shown = await vcse.GetAsync($"/community-referrals/{id}");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var attended = await vcse.SubmitFormAsync(shown, $"/community-referrals/{id}", new Dictionary<string, string>
        {
            ["AttendedOn.Day"] = today.Day.ToString(), ["AttendedOn.Month"] = today.Month.ToString(), ["AttendedOn.Year"] = today.Year.ToString(),
        }, handler: "Attended");
        Assert.True(attended.Status == HttpStatusCode.Redirect, string.Join("; ", attended.ErrorSummary));
        Assert.Equal(CommunityReferralStatus.InProgress, await StatusAsync(id));
        shown = await vcse.GetAsync($"/community-referrals/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(vcse, shown, id, "Completed")).Status);
        Assert.Equal(CommunityReferralStatus.Completed, await StatusAsync(id));

        // Discharge sends the summary back; the clinician is told and sees it.
        page = await cast.LinkWorker.GetAsync(url);
        var discharged = await cast.LinkWorker.SubmitFormAsync(page, url, new Dictionary<string, string> { ["Discharge.Reason"] = "GoalsMet" }, handler: "Discharge");
        Assert.True(discharged.Status == HttpStatusCode.Redirect, string.Join("; ", discharged.ErrorSummary));
        var summary = await App.WithDbAsync(db => db.GpSummaries.SingleAsync(s => s.PersonId == cast.PersonId));
        Assert.Contains("Getting back to my allotment", summary.Text);
        Assert.Contains("Contacts: 1, 40 minutes in all.", summary.Text);
        Assert.Contains("(finished)", summary.Text);
        var notes = await cast.Clinician.GetAsync("/notifications");
        Assert.Contains("has finished social prescribing", notes.Text);
        var record = await cast.Clinician.GetAsync(url);
        Assert.Contains("Summary sent to the GP practice and referrer", record.Text);

        // The person sees each step of the history.
        var me = await (await PageClient.SignedInAsync(App, cast.Person)).GetAsync("/me/referrals");
        foreach (var step in new[] { "Sent, waiting for an answer", "Accepted", "Started", "Came to a session on", "Finished" })
        {
            Assert.Contains(step, me.Text);
        }
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.PersonId == cast.PersonId && m.Subject.StartsWith("You have been referred to"))));
    }

    [Fact]
    public async Task A_second_referral_shows_the_open_one_and_one_without_consent_stores_nothing()
    {
        var cast = await CastAsync();
        var refused = await cast.Clinician.SubmitAsync($"/people/{cast.PersonId}/social-prescribing/refer", new Dictionary<string, string>(Referral()) { ["Input.ConsentToContact"] = "false", ["Input.Reason"] = "" });
        Assert.Equal(["Enter the reason for the referral", "A link worker can only contact people who agree to it. Ask the person, then tick the box"], refused.ErrorSummary);
        Assert.False(await App.WithDbAsync(db => db.SocialPrescribingReferrals.AnyAsync(r => r.PersonId == cast.PersonId)));

        var first = await cast.Clinician.SubmitAsync($"/people/{cast.PersonId}/social-prescribing/refer", Referral());
        var second = await (await PageClient.SignedInAsync(App, cast.Person)).GetAsync("/me/referrals/refer");
        Assert.Equal("/me/referrals", second.Location?.OriginalString);
        Assert.Equal(1, await App.WithDbAsync(db => db.SocialPrescribingReferrals.CountAsync(r => r.PersonId == cast.PersonId)));
        Assert.Equal(first.Location, (await cast.Clinician.GetAsync($"/people/{cast.PersonId}/social-prescribing/refer")).Location);
    }

    [Fact]
    public async Task Each_party_may_make_only_its_own_moves_and_a_stranger_sees_nothing()
    {
        var cast = await CastAsync();
        var (serviceId, vcse) = await ServiceAsync(1);
        var (_, url) = await ReferredAndTakenOnAsync(cast);
        var id = await SendAsync(cast, url, serviceId);

        // The link worker cannot accept on the organisation's behalf; the organisation cannot mark it entered in error.
        var asLinkWorker = await cast.LinkWorker.GetAsync($"/community-referrals/{id}");
        Assert.Empty(asLinkWorker.Document.QuerySelectorAll("input[name='To'][value='Accepted']"));
        Assert.Equal(["Only the community organisation can mark a referral as accepted"], (await ChangeStatusAsync(cast.LinkWorker, asLinkWorker, id, "Accepted")).ErrorSummary);
        var asVcse = await vcse.GetAsync($"/community-referrals/{id}");
        Assert.Equal(["Only the link worker who sent the referral can mark it as entered in error"], (await ChangeStatusAsync(vcse, asVcse, id, "EnteredInError", "oops")).ErrorSummary);

        // Declining needs a reason from the list (words are optional); a finished referral cannot move again.
        Assert.Equal(["Select why you are declining the referral"], (await ChangeStatusAsync(vcse, asVcse, id, "Rejected", "Full this term")).ErrorSummary);
        Assert.Equal(CommunityReferralStatus.Requested, await StatusAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(vcse, asVcse, id, "Rejected", "Full this term, and Mrs Smith's carer rang", "no-capacity")).Status);
        Assert.Equal(DeclineReason.NoCapacity, await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == id).Select(c => c.DeclineReason).SingleAsync()));
        // The link worker still reads the organisation's words; a commissioner sees only the coded reason.
        Assert.Contains("Mrs Smith's carer rang", (await cast.LinkWorker.GetAsync($"/community-referrals/{id}")).Text);
        var commissioner = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Commissioner));
        var figures = await commissioner.GetAsync("/figures/vcse");
        Assert.Contains(DeclineReasons.Label(DeclineReason.NoCapacity), figures.Text);
        Assert.DoesNotContain("Mrs Smith", figures.Text);
        Assert.DoesNotContain("Full this term", figures.Text);
        var csv = await commissioner.Http.GetStringAsync("/figures/vcse?handler=Csv");
        Assert.DoesNotContain("Mrs Smith", csv);
        asVcse = await vcse.GetAsync($"/community-referrals/{id}");
        Assert.Empty(asVcse.Document.QuerySelectorAll("input[name='To']"));
        // The link worker's page from before the answer cannot overwrite it.
        Assert.Equal(["Someone else updated this referral while you were looking: it is now declined. Check the history, then try again if you still need to"],
            (await ChangeStatusAsync(cast.LinkWorker, asLinkWorker, id, "Cancelled", "No longer needed")).ErrorSummary);
        Assert.Equal(CommunityReferralStatus.Rejected, await StatusAsync(id));

        // Another organisation, another link worker and another person get "not found", and the refusal is audited.
        var otherVcse = await OtherVcseAsync(serviceId);
        var pcn = await App.WithDbAsync(db => db.SocialPrescribingReferrals.Where(r => r.PersonId == cast.PersonId).Select(r => r.PcnId).FirstAsync());
        var otherLinkWorker = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorker, pcn));
        var stranger = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: await App.WithDbAsync(db => db.People.Where(p => p.Id != cast.PersonId).Select(p => p.Id).FirstAsync())));
        foreach (var client in new[] { otherVcse, otherLinkWorker, stranger })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/community-referrals/{id}")).Status);
        }
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == cast.PersonId && a.Action == "community-referral-read" && a.Outcome == AuditOutcome.Refused)));
        // Only the link worker who took it on changes the record; a VCSE worker cannot open it at all.
        var record = await otherLinkWorker.GetAsync(url);
        Assert.NotEqual(HttpStatusCode.OK, record.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await vcse.GetAsync(url)).Status);
    }

    [Fact]
    public async Task The_person_can_only_say_they_no_longer_want_a_referral()
    {
        var cast = await CastAsync();
        var (serviceId, _) = await ServiceAsync(2);
        var (_, url) = await ReferredAndTakenOnAsync(cast);
        var id = await SendAsync(cast, url, serviceId);
        var person = await PageClient.SignedInAsync(App, cast.Person);
        var page = await person.GetAsync($"/community-referrals/{id}");
        Assert.Equal(["Cancelled"], page.Document.QuerySelectorAll("input[name='To']").Select(i => i.GetAttribute("value")));
        Assert.Equal(["You can say you no longer want a referral; the organisation and your link worker record the rest"], (await ChangeStatusAsync(person, page, id, "Accepted")).ErrorSummary);
        var mine = await person.GetAsync("/me/referrals");
        var cancelled = await person.SubmitFormAsync(mine, "/me/referrals", new Dictionary<string, string> { ["Reason"] = "I have found a group myself" }, handler: $"Cancel&referralId={id}");
        Assert.True(cancelled.Status == HttpStatusCode.Redirect, string.Join("; ", cancelled.ErrorSummary));
        Assert.Equal(CommunityReferralStatus.Cancelled, await StatusAsync(id));
        Assert.Contains("I have found a group myself", (await cast.LinkWorker.GetAsync("/notifications")).Text);
    }

    [Fact]
    public async Task Two_people_answering_one_referral_at_once_one_wins_and_the_other_is_told()
    {
        var cast = await CastAsync();
        var (serviceId, first) = await ServiceAsync(3);
        var organisation = await App.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == serviceId).Select(s => s.OrganisationId).SingleAsync());
        var second = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.VcseWorker, organisation));
        var (_, url) = await ReferredAndTakenOnAsync(cast);
        var id = await SendAsync(cast, url, serviceId);
        var a = await first.GetAsync($"/community-referrals/{id}");
        var b = await second.GetAsync($"/community-referrals/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStatusAsync(first, a, id, "Accepted")).Status);
        var late = await ChangeStatusAsync(second, b, id, "Rejected", "No space");
        Assert.Equal(["Someone else updated this referral while you were looking: it is now accepted. Check the history, then try again if you still need to"], late.ErrorSummary);
        Assert.Equal(CommunityReferralStatus.Accepted, await StatusAsync(id));
    }

    [Fact]
    public async Task Sending_twice_sends_once_and_a_paused_service_or_no_consent_is_refused()
    {
        var cast = await CastAsync();
        var (serviceId, _) = await ServiceAsync(4);
        var (_, url) = await ReferredAndTakenOnAsync(cast);
        var form = await cast.LinkWorker.GetAsync($"{url}/send/{serviceId}");
        var noConsent = await cast.LinkWorker.SubmitFormAsync(form, $"{url}/send/{serviceId}", new Dictionary<string, string>());
        Assert.Single(noConsent.ErrorSummary, e => e.Contains("must agree to share their details"));
        var fields = new Dictionary<string, string> { ["Input.ConsentToShare"] = "true" };
        Assert.Equal(HttpStatusCode.Redirect, (await cast.LinkWorker.SubmitFormAsync(form, $"{url}/send/{serviceId}", fields)).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await cast.LinkWorker.SubmitFormAsync(form, $"{url}/send/{serviceId}", fields)).Status);
        Assert.Equal(1, await App.WithDbAsync(db => db.CommunityReferrals.CountAsync(c => c.PersonId == cast.PersonId)));

        var paused = await App.WithDbAsync(async db =>
        {
            var s = await db.CommunityServices.Where(s => s.Id != serviceId).OrderBy(s => s.Id).Skip(5).FirstAsync();
            s.Availability = ServiceAvailability.Paused;
            await db.SaveChangesAsync();
            return s.Id;
        });
        form = await cast.LinkWorker.GetAsync($"{url}/send/{paused}");
        var refused = await cast.LinkWorker.SubmitFormAsync(form, $"{url}/send/{paused}", fields);
        Assert.Single(refused.ErrorSummary, e => e.Contains("is paused and is not taking referrals"));
        Assert.Equal(1, await App.WithDbAsync(db => db.CommunityReferrals.CountAsync(c => c.PersonId == cast.PersonId)));
    }

    [Fact]
    public async Task An_unanswered_referral_is_nudged_then_comes_back_to_the_link_worker_as_expired()
    {
        var cast = await CastAsync();
        var (serviceId, _) = await ServiceAsync(6);
        var (_, url) = await ReferredAndTakenOnAsync(cast);
        var id = await SendAsync(cast, url, serviceId);
        var respondBy = await App.WithDbAsync(db => db.CommunityReferrals.Where(c => c.Id == id).Select(c => c.RespondBy).SingleAsync());
        async Task<(int, int)> ChaseOnAsync(DateOnly day)
        {
            using var scope = App.Services.CreateScope();
            var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
            return await ActivatorUtilities.CreateInstance<CommunityReferralService>(scope.ServiceProvider, clock).ChaseUnansweredAsync();
        }
        // Other tests' referrals may be chased too: what matters is what happens to this one.
        async Task<(CommunityReferralStatus Status, DateTime? Nudged)> StateAsync() =>
            await App.WithDbAsync(async db => await db.CommunityReferrals.Where(c => c.Id == id).Select(c => new { c.Status, c.NudgedAt }).SingleAsync() is var x ? (x.Status, x.NudgedAt) : default);
        await ChaseOnAsync(DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Equal((CommunityReferralStatus.Requested, null), await StateAsync());
        Assert.True((await ChaseOnAsync(respondBy)).Item1 >= 1);
        var nudged = await StateAsync();
        Assert.Equal(CommunityReferralStatus.Requested, nudged.Status);
        Assert.NotNull(nudged.Nudged);
        await ChaseOnAsync(respondBy);
        Assert.Equal(nudged, await StateAsync());
        Assert.True((await ChaseOnAsync(respondBy.AddDays(1))).Item2 >= 1);
        Assert.Equal(CommunityReferralStatus.Cancelled, await StatusAsync(id));
        Assert.Contains("did not answer the referral", (await cast.LinkWorker.GetAsync("/notifications")).Text);
    }

    [Fact]
    public async Task The_JSON_API_runs_the_loop_with_the_same_rules_and_serves_the_referral_as_FHIR()
    {
        var cast = await CastAsync();
        var (serviceId, vcse) = await ServiceAsync(7);
        async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(PageClient client, string url, object body)
        {
            using var response = await client.Http.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
        var referral = new { reason = "Isolated and in debt", needs = new[] { "debt-advice" }, consentToContact = true };

        // Strangers and the wrong role are refused; nothing is stored.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(new PageClient(App), $"/api/people/{cast.PersonId}/social-prescribing", referral)).Status);
        var admin = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Administrator));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(admin, $"/api/people/{cast.PersonId}/social-prescribing", referral)).Status);
        var noConsent = await PostAsync(cast.Clinician, $"/api/people/{cast.PersonId}/social-prescribing", referral with { consentToContact = false });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noConsent.Status);
        Assert.True(noConsent.Body.GetProperty("errors").TryGetProperty("ConsentToContact", out _));
        // A need that is not on the list is named as such, not as if no need had been chosen.
        var unknownNeed = await PostAsync(cast.Clinician, $"/api/people/{cast.PersonId}/social-prescribing", referral with { needs = new[] { "no-such-need" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownNeed.Status);
        Assert.Equal("Choose needs from the list", unknownNeed.Body.GetProperty("errors").GetProperty("Needs")[0].GetString());
        Assert.False(await App.WithDbAsync(db => db.SocialPrescribingReferrals.AnyAsync(r => r.PersonId == cast.PersonId)));

        var created = await PostAsync(cast.Clinician, $"/api/people/{cast.PersonId}/social-prescribing", referral);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(cast.Clinician, $"/api/people/{cast.PersonId}/social-prescribing", referral)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(vcse, $"/api/social-prescribing/{id}/take-on", new { version = 1 })).Status);
        var taken = await PostAsync(cast.LinkWorker, $"/api/social-prescribing/{id}/take-on", new { version = 1 });
        Assert.Equal("WaitingForFirstContact", taken.Body.GetProperty("status").GetString());
        var contact = await PostAsync(cast.LinkWorker, $"/api/people/{cast.PersonId}/social-prescribing/{id}/contacts",
            new { version = taken.Body.GetProperty("version").GetInt32(), mode = "Video", minutes = 20, date = DateTime.UtcNow.ToString("yyyy-MM-dd") });
        Assert.Equal("Active", contact.Body.GetProperty("status").GetString());
        var badDate = await PostAsync(cast.LinkWorker, $"/api/people/{cast.PersonId}/social-prescribing/{id}/contacts",
            new { version = contact.Body.GetProperty("version").GetInt32(), mode = "Video", minutes = 20, date = "06/12/2026" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDate.Status);
        Assert.Equal("Date of the contact must be a real date, written as YYYY-MM-DD, like 2026-12-06", badDate.Body.GetProperty("errors").GetProperty("date")[0].GetString());
        var sent = await PostAsync(cast.LinkWorker, $"/api/people/{cast.PersonId}/social-prescribing/{id}/community-referrals", new { serviceId, consentToShare = true, sendKey = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Created, sent.Status);
        var community = sent.Body.GetProperty("id").GetGuid();

        var wrongSide = await PostAsync(cast.LinkWorker, $"/api/community-referrals/{community}/status", new { status = "accepted", version = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongSide.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(vcse, $"/api/community-referrals/{community}/status", new { status = "approved", version = 1 })).Status);
        var uncoded = await PostAsync(vcse, $"/api/community-referrals/{community}/status", new { status = "rejected", reason = "Full", declineReason = "full-up", version = 1 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, uncoded.Status);
        Assert.Equal("\"full-up\" is not a decline reason: use one of no-capacity, not-eligible, not-suitable, could-not-contact, person-declined, other",
            uncoded.Body.GetProperty("errors").GetProperty("DeclineReason")[0].GetString());
        var accepted = await PostAsync(vcse, $"/api/community-referrals/{community}/status", new { status = "accepted", version = 1 });
        Assert.Equal("accepted", accepted.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(vcse, $"/api/community-referrals/{community}/status", new { status = "in-progress", version = 1 })).Status);

        using var fhir = await vcse.Http.GetAsync($"/api/community-referrals/{community}/fhir");
        Assert.Equal("application/fhir+json", fhir.Content.Headers.ContentType?.MediaType);
        var bundle = JsonSerializer.Deserialize<Hl7.Fhir.Model.Bundle>(await fhir.Content.ReadAsStringAsync(), new JsonSerializerOptions().ForFhir())!;
        var request = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.ServiceRequest>().Single();
        var task = bundle.Entry.Select(e => e.Resource).OfType<Hl7.Fhir.Model.Task>().Single();
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Accepted, task.Status);
        Assert.Equal($"ServiceRequest/{community}", task.Focus!.Reference);
        Assert.Equal(Hl7.Fhir.Model.RequestStatus.Active, request.Status);
        Assert.Equal("https://fhir.nhs.uk/Id/nhs-number", request.Subject!.Identifier!.System);
        Assert.Equal(await App.WithDbAsync(db => db.People.Where(p => p.Id == cast.PersonId).Select(p => p.NhsNumber).SingleAsync()), request.Subject!.Identifier!.Value);
        Assert.Equal("871731000000106", request.Category.Single().Coding.Single().Code);
        Assert.Equal("2", task.Meta!.VersionId);
        var other = await OtherVcseAsync(serviceId);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/community-referrals/{community}/fhir")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(other, $"/api/community-referrals/{community}/status", new { status = "completed", version = 2 })).Status);
    }

    [Fact]
    public async Task A_team_lead_sees_caseloads_against_the_safe_maximum_and_moves_a_person_to_another_link_worker()
    {
        var cast = await CastAsync();
        var (referral, url) = await ReferredAndTakenOnAsync(cast);
        var other = await App.CreateUserAsync(UserRole.LinkWorker, referral.PcnId, name: "Robin Relief");
        var lead = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorkerManager, referral.PcnId, name: "Tess Teamlead"));
        var team = await lead.GetAsync("/social-prescribing/team");
        Assert.Contains("Lee Linkworker", team.Text);
        Assert.Contains("the safe maximum is 250 a year", team.Text);
        Assert.Equal(HttpStatusCode.Forbidden, (await cast.LinkWorker.GetAsync("/social-prescribing/team")).Status);

        var moved = await lead.SubmitFormAsync(team, "/social-prescribing/team", new Dictionary<string, string> { ["to"] = (await App.UserIdAsync(other)).ToString() },
            handler: $"Reassign&referralId={referral.Id}");
        Assert.True(moved.Status == HttpStatusCode.Redirect, string.Join("; ", moved.ErrorSummary));
        Assert.Equal("Robin Relief", (await ReferralOfAsync(cast.PersonId)).LinkWorkerName);
        // The person moves between caseloads: the new link worker opens the record, the old one no longer can.
        Assert.Equal(HttpStatusCode.OK, (await (await PageClient.SignedInAsync(App, other)).GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await cast.LinkWorker.GetAsync(url)).Status);
        Assert.Contains("reassigned by your team lead", (await cast.LinkWorker.GetAsync("/notifications")).Text);

        // A team lead of another PCN cannot.
        var elsewhere = await App.WithDbAsync(db => db.Organisations.Where(o => o.Kind == Upcare.Organisations.OrganisationKind.PrimaryCareNetwork && o.Id != referral.PcnId).Select(o => o.Id).FirstOrDefaultAsync());
        var stranger = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorkerManager, elsewhere == Guid.Empty ? null : elsewhere));
        var theirs = await stranger.GetAsync("/social-prescribing/team");
        Assert.DoesNotContain("Robin Relief", theirs.Text);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class SocialPrescribingOnSqliteTests(SqliteDirectoryFixture fixture) : SocialPrescribingTests(fixture), IClassFixture<SqliteDirectoryFixture>;

public sealed class SocialPrescribingOnPostgresTests(PostgresDirectoryFixture fixture) : SocialPrescribingTests(fixture), IClassFixture<PostgresDirectoryFixture>;
