using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.People;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Access;

/// <summary>Relationships decide who sees whom: practice, caseload, carer's permission, break glass.</summary>
public abstract class CareRelationshipTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private Task<string> NhsNumberOfAsync(Guid personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.NhsNumber).SingleAsync());

    [Fact]
    public async Task A_clinician_finds_and_opens_only_people_registered_at_their_practice()
    {
        var client = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        var mine = await client.GetAsync($"/people?nhsNumber={await NhsNumberOfAsync(fixture.Person)}&search=1");
        Assert.Single(mine.Document.QuerySelectorAll("tbody tr"));
        var elsewhere = await client.GetAsync($"/people?nhsNumber={await NhsNumberOfAsync(fixture.PersonElsewhere)}&search=1");
        Assert.Empty(elsewhere.Document.QuerySelectorAll("tbody tr"));
        Assert.Contains("No people found", elsewhere.Text);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/people/{fixture.Person}")).Status);
        var userId = await App.UserIdAsync(fixture.Users[UserRole.Clinician]);
        var read = await fixture.AuditAsync(q => q.Where(a => a.UserId == userId && a.PersonId == fixture.Person && a.Action == "read"));
        Assert.Equal("Registered at the clinician's practice", read[0].Detail);
        Assert.Equal(AuditOutcome.Allowed, read[0].Outcome);
    }

    [Fact]
    public async Task A_link_worker_sees_a_person_while_they_are_on_the_caseload_and_not_after()
    {
        var linkWorker = await App.CreateUserAsync(UserRole.LinkWorker);
        var linkWorkerId = await App.UserIdAsync(linkWorker);
        var client = await PageClient.SignedInAsync(App, linkWorker);
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/people/{fixture.PersonElsewhere}")).Status);

        var nhs = await NhsNumberOfAsync(fixture.PersonElsewhere);
        var bad = await admin.SubmitAsync($"/admin/caseloads/{linkWorkerId}", new Dictionary<string, string> { ["NhsNumber"] = "123" });
        Assert.Equal(["Enter a valid NHS number: 10 digits, like 943 476 5919"], bad.ErrorSummary);
        var added = await admin.SubmitAsync($"/admin/caseloads/{linkWorkerId}", new Dictionary<string, string> { ["NhsNumber"] = nhs });
        Assert.Equal(HttpStatusCode.Redirect, added.Status);
        var twice = await admin.SubmitAsync($"/admin/caseloads/{linkWorkerId}", new Dictionary<string, string> { ["NhsNumber"] = nhs });
        Assert.Contains("is already on", twice.ErrorSummary.Single());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/people/{fixture.PersonElsewhere}")).Status);
        var found = await client.GetAsync($"/people?nhsNumber={nhs}&search=1");
        Assert.Single(found.Document.QuerySelectorAll("tbody tr"));

        // Taking them off the caseload ends access at once.
        Task<List<AuditEntry>> ListedAsync() => fixture.AuditAsync(q => q.Where(e => e.Action == "caseload-listed" && e.PersonId == fixture.PersonElsewhere && e.Detail!.Contains(linkWorkerId.ToString())));
        var before = (await ListedAsync()).Count;
        var caseload = await admin.GetAsync($"/admin/caseloads/{linkWorkerId}");
        // The administrator saw the person's name and NHS number on the caseload: that look is on the trail.
        Assert.Single(caseload.Document.QuerySelectorAll(".nhsuk-summary-list__row"));
        var listed = await ListedAsync();
        Assert.Equal(before + 1, listed.Count);
        Assert.Equal(UserRole.Administrator.ToString(), listed[0].Role);
        var ended = await admin.SubmitFormAsync(caseload, "/", new Dictionary<string, string>(), handler: "End");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/people/{fixture.PersonElsewhere}")).Status);
        var stored = await App.WithDbAsync(db => db.CaseloadAssignments.SingleAsync(a => a.UserId == linkWorkerId));
        Assert.NotNull(stored.EndedAt); // the history is kept
    }

    [Fact]
    public async Task A_carer_sees_the_record_only_until_permission_is_withdrawn()
    {
        var personId = await App.WithDbAsync(db => db.People.OrderByDescending(p => p.NhsNumber).Select(p => p.Id).FirstAsync());
        var person = await App.CreateUserAsync(UserRole.Person, personId: personId);
        var carerRecord = await App.WithDbAsync(db => db.People.OrderByDescending(p => p.NhsNumber).Select(p => p.Id).Skip(1).FirstAsync());
        var carer = await App.CreateUserAsync(UserRole.Person, personId: carerRecord, name: "Carol Carer");
        var personClient = await PageClient.SignedInAsync(App, person);
        var carerClient = await PageClient.SignedInAsync(App, carer);

        Assert.Equal(HttpStatusCode.Forbidden, (await carerClient.GetAsync($"/me/cares-for/{personId}")).Status);

        var unknown = await personClient.SubmitAsync("/me/carers", new Dictionary<string, string> { ["CarerEmail"] = "nobody@example.com", ["Relationship"] = "Friend" });
        Assert.Equal(["No one with an Upcare account uses this email address. Ask them to get an account first"], unknown.ErrorSummary);
        var granted = await personClient.SubmitAsync("/me/carers", new Dictionary<string, string> { ["CarerEmail"] = carer, ["Relationship"] = "My daughter" });
        Assert.Equal(HttpStatusCode.Redirect, granted.Status);

        var carerHome = await carerClient.GetAsync("/me");
        Assert.Contains("People you care for", carerHome.Text);
        var shared = await carerClient.GetAsync($"/me/cares-for/{personId}");
        Assert.Equal(HttpStatusCode.OK, shared.Status);
        Assert.Contains("Shared with you", shared.Text);
        // A carer reads; the staff pages that change a record stay closed to them.
        Assert.Equal(HttpStatusCode.Forbidden, (await carerClient.GetAsync($"/people/{personId}/edit")).Status);

        var sharing = await personClient.GetAsync("/me/carers");
        Assert.Contains("Carol Carer", sharing.Text);
        var withdrawn = await personClient.SubmitFormAsync(sharing, "/", new Dictionary<string, string>(), handler: "Withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await carerClient.GetAsync($"/me/cares-for/{personId}")).Status);
        Assert.DoesNotContain("People you care for", (await carerClient.GetAsync("/me")).Text);
        var carerId = await App.UserIdAsync(carer);
        var trail = await fixture.AuditAsync(q => q.Where(a => a.PersonId == personId));
        Assert.Contains(trail, a => a.UserId == carerId && a.Outcome == AuditOutcome.Allowed && a.Detail == "Carer, with the person's permission");
        Assert.Contains(trail, a => a.UserId == carerId && a.Outcome == AuditOutcome.Refused && a.Id > trail.Single(w => w.Action == "carer-permission-withdrawn").Id);

        // The person sees who looked, and when.
        var log = await personClient.GetAsync("/me/record-access");
        Assert.Contains("Carol Carer", log.Text);
    }

    [Fact]
    public async Task Break_glass_needs_a_reason_and_is_flagged_in_the_trail_and_shown_to_the_person()
    {
        var clinician = await App.CreateUserAsync(UserRole.Clinician, organisationId: fixture.OtherPracticeId, name: "Dr Emergency");
        var clinicianId = await App.UserIdAsync(clinician);
        var client = await PageClient.SignedInAsync(App, clinician);
        var target = fixture.OwnRecord; // registered at A99901; the Person account opens it

        var offered = await client.GetAsync($"/people/{target}");
        Assert.Equal(HttpStatusCode.Redirect, offered.Status);
        var glassUrl = offered.Location!.ToString();
        var form = await client.GetAsync(glassUrl);
        Assert.Equal("You do not have a care relationship with this person", form.H1);
        Assert.DoesNotContain(await App.WithDbAsync(db => db.People.Where(p => p.Id == target).Select(p => p.FamilyName).SingleAsync()), form.Text);

        var noReason = await client.SubmitFormAsync(form, glassUrl, new Dictionary<string, string> { ["Reason"] = "  " });
        Assert.Equal(["Enter why you need to see this record now"], noReason.ErrorSummary);
        var tooShort = await client.SubmitFormAsync(form, glassUrl, new Dictionary<string, string> { ["Reason"] = "urgent" });
        Assert.Contains("at least 10 characters", tooShort.ErrorSummary.Single());
        Assert.False(await App.WithDbAsync(db => db.BreakGlassAccesses.AnyAsync(a => a.UserId == clinicianId)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/people/{target}")).Status);

        const string reason = "Attending in A&E, unconscious, need medication history";
        var opened = await client.SubmitFormAsync(form, glassUrl, new Dictionary<string, string> { ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.Equal($"/people/{target}", opened.Location!.ToString());
        var record = await client.GetAsync($"/people/{target}");
        Assert.Equal(HttpStatusCode.OK, record.Status);
        Assert.Contains("Emergency access", record.Text);

        var flagged = await fixture.AuditAsync(q => q.Where(a => a.UserId == clinicianId && a.PersonId == target && a.BreakGlass));
        Assert.Contains(flagged, a => a.Action == "read" && a.Detail == $"Break glass: {reason}");
        Assert.Contains(flagged, a => a.Action == "break-glass");

        var person = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Person]);
        var log = await person.GetAsync("/me/record-access");
        Assert.Contains("Dr Emergency", log.Text);
        Assert.Contains("Emergency access", log.Text);
        Assert.Contains(reason, log.Text);
    }

    [Fact]
    public async Task Break_glass_lapses_after_its_time()
    {
        var clinician = await App.CreateUserAsync(UserRole.Clinician, organisationId: fixture.OtherPracticeId);
        var clinicianId = await App.UserIdAsync(clinician);
        await App.WithDbAsync(async db =>
        {
            db.BreakGlassAccesses.Add(new BreakGlassAccess
            {
                Id = Guid.NewGuid(), UserId = clinicianId, PersonId = fixture.Person, Reason = "An old emergency, long over",
                StartedAt = DateTime.UtcNow.AddHours(-5), ExpiresAt = DateTime.UtcNow.AddHours(-1),
            });
            return await db.SaveChangesAsync();
        });
        var client = await PageClient.SignedInAsync(App, clinician);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/people/{fixture.Person}")).Status);
    }

    [Fact]
    public async Task A_commissioner_sees_counts_and_never_a_name()
    {
        var client = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner]);
        var figures = await client.GetAsync("/figures");
        Assert.Equal(HttpStatusCode.OK, figures.Status);
        Assert.Contains("Everyone on Upcare", figures.Text);
        Assert.Contains("120", figures.Text);
        Assert.Contains("fewer than 10", figures.Text);
        var names = await App.WithDbAsync(db => db.People.Select(p => p.GivenName + " " + p.FamilyName).ToListAsync());
        Assert.DoesNotContain(names, n => figures.Text.Contains(n));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/people/{fixture.Person}")).Status);
    }
}

public sealed class CareRelationshipsOnSqliteTests(SqliteAccessFixture fixture) : CareRelationshipTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class CareRelationshipsOnPostgresTests(PostgresAccessFixture fixture) : CareRelationshipTests(fixture), IClassFixture<PostgresAccessFixture>;
