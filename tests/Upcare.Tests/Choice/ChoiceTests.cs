using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Choice;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Choice;

/// <summary>Choice of provider through the pages, on each provider.</summary>
public abstract class ChoiceTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private const string Csv = """
        name,ods_code,service,postcode,latitude,longitude,waiting_weeks,quality_rating
        Test General Hospital,RTA01,Test orthopaedics,NE4 6BE,54.972,-1.635,18,Good
        Test Ortho Centre,RTA02,Test orthopaedics,NE15 8NY,54.988,-1.743,9,Outstanding
        Broken line,X,Test orthopaedics,NOT A POSTCODE,,,soon,Good
        """;

    private async Task ImportAsync()
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var page = await admin.GetAsync("/admin/providers");
        var token = page.Document.QuerySelector("form[action*='Import'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(Csv), "Csv", "providers.csv" } };
        using var response = await admin.Http.PostAsync("/admin/providers?handler=Import", content);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Line 4: the ODS code must be 3 to 10 characters; &quot;NOT A POSTCODE&quot; is not a valid postcode; waiting_weeks must be a whole number of weeks", html);
    }

    [Fact]
    public async Task An_administrator_imports_providers_from_CSV_refusing_bad_lines_and_keeps_their_waits_up_to_date()
    {
        await ImportAsync();
        var providers = await App.WithDbAsync(db => db.ChoiceProviders.Where(p => p.Service == "Test orthopaedics").OrderBy(p => p.OdsCode).ToListAsync());
        Assert.Equal([("RTA01", 18, "Good"), ("RTA02", 9, "Outstanding")], providers.Select(p => (p.OdsCode, p.WaitingWeeks, p.QualityRating)));
        await ImportAsync();
        Assert.Equal(2, await App.WithDbAsync(db => db.ChoiceProviders.CountAsync(p => p.Service == "Test orthopaedics")));

        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var page = await admin.GetAsync("/admin/providers");
        var bad = await admin.SubmitFormAsync(page, "/admin/providers", new Dictionary<string, string> { ["WaitingWeeks"] = "a while", ["Rating"] = "Good" }, handler: $"Update&providerId={providers[0].Id}");
        Assert.Equal(["Enter the wait as a whole number of weeks"], bad.ErrorSummary);
        var saved = await admin.SubmitFormAsync(page, "/admin/providers", new Dictionary<string, string> { ["WaitingWeeks"] = "22", ["Rating"] = "Good" }, handler: $"Update&providerId={providers[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal(22, await App.WithDbAsync(db => db.ChoiceProviders.Where(p => p.Id == providers[0].Id).Select(p => p.WaitingWeeks).SingleAsync()));
    }

    [Fact]
    public async Task A_clinician_offers_choice_and_the_person_chooses_later_from_their_own_pages()
    {
        await ImportAsync();
        var personId = await App.WithDbAsync(db => db.People.Where(p => p.GpPracticeId == fixture.PracticeId && !db.Users.Any(u => u.PersonId == p.Id) && !db.ChoiceReferrals.Any(c => c.PersonId == p.Id))
            .OrderByDescending(p => p.GivenName).Select(p => p.Id).FirstAsync());
        var person = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        var clinician = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician, fixture.PracticeId, name: "Dr Choice"));
        var url = $"/people/{personId}/choice/new";

        var missing = await clinician.SubmitAsync(url, new Dictionary<string, string>());
        Assert.Equal(["Select the service the person is referred to", "Select whether this is a first consultant-led outpatient appointment"], missing.ErrorSummary);

        // An exclusion: recorded, no choice.
        var form = await clinician.GetAsync(url);
        var excluded = await clinician.SubmitFormAsync(form, url, new Dictionary<string, string>
        {
            ["Input.Service"] = "Test orthopaedics", ["Input.FirstConsultantLedOutpatient"] = "true", ["Input.Exclusion"] = "Urgent or crisis care",
        }, handler: "Providers");
        Assert.Equal(HttpStatusCode.Redirect, excluded.Status);
        Assert.Equal(ChoiceStatus.NoRightToChoose, await App.WithDbAsync(db => db.ChoiceReferrals.Where(c => c.PersonId == personId).Select(c => c.Status).SingleAsync()));

        // With the right: the providers, shortest distance first when known, else by wait; choosing needs a provider and a reason.
        var shown = await clinician.SubmitFormAsync(form, url, new Dictionary<string, string> { ["Input.Service"] = "Test orthopaedics", ["Input.FirstConsultantLedOutpatient"] = "true" }, handler: "Providers");
        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("about 9 weeks", shown.Text);
        Assert.Contains("Outstanding", shown.Text);
        var noChoice = await clinician.SubmitFormAsync(shown, url, new Dictionary<string, string>(), handler: "Choose");
        Assert.Equal(["Choose one of the providers shown", "Enter why they chose it, in their words"], noChoice.ErrorSummary);
        var later = await clinician.SubmitFormAsync(shown, url, new Dictionary<string, string>(), handler: "Later");
        Assert.Equal(HttpStatusCode.Redirect, later.Status);
        var offered = await App.WithDbAsync(db => db.ChoiceReferrals.Where(c => c.PersonId == personId && c.Status != ChoiceStatus.NoRightToChoose).ToListAsync());
        var referral = Assert.Single(offered);
        Assert.Equal(2, ChoiceService.OptionsOf(referral).Count);

        var mine = await person.GetAsync("/me/choices");
        var noReason = await person.SubmitFormAsync(mine, "/me/choices", new Dictionary<string, string> { ["Input.ChosenProviderId"] = ChoiceService.OptionsOf(referral)[0].ProviderId.ToString() }, handler: $"Choose&referralId={referral.Id}");
        Assert.Equal(["Tell us why you chose it, in your own words"], noReason.ErrorSummary);
        var notShown = await person.SubmitFormAsync(mine, "/me/choices", new Dictionary<string, string> { ["Input.ChosenProviderId"] = Guid.NewGuid().ToString(), ["Input.Reason"] = "x" }, handler: $"Choose&referralId={referral.Id}");
        Assert.Equal(["Choose one of the providers shown"], notShown.ErrorSummary);
        var ortho = ChoiceService.OptionsOf(referral).Single(o => o.Name == "Test Ortho Centre");
        var chosen = await person.SubmitFormAsync(mine, "/me/choices", new Dictionary<string, string> { ["Input.ChosenProviderId"] = ortho.ProviderId.ToString(), ["Input.Reason"] = "Shorter wait, and my son can drive me" }, handler: $"Choose&referralId={referral.Id}");
        Assert.Equal(HttpStatusCode.Redirect, chosen.Status);
        referral = await App.WithDbAsync(db => db.ChoiceReferrals.AsNoTracking().SingleAsync(c => c.Id == referral.Id));
        Assert.Equal((ChoiceStatus.Chosen, "Test Ortho Centre", true, "Shorter wait, and my son can drive me"), (referral.Status, referral.ChosenProviderName, referral.ChosenByThePerson, referral.Reason));
        Assert.Contains("Chose Test Ortho Centre (on their own pages)", (await clinician.GetAsync($"/people/{personId}/choice")).Text);

        // Commissioners see the shares, small numbers suppressed.
        var commissioner = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner]);
        var figures = await commissioner.GetAsync("/figures/choice");
        Assert.Contains("fewer than 10", figures.Text);
        Assert.DoesNotContain("Test Ortho Centre", figures.Text);

        // Only a clinician makes the referral.
        var linkWorker = await PageClient.SignedInAsync(App, fixture.Users[UserRole.LinkWorker]);
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync(url)).Status);
    }
}

public sealed class ChoiceOnSqliteTests(SqliteAccessFixture fixture) : ChoiceTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class ChoiceOnPostgresTests(PostgresAccessFixture fixture) : ChoiceTests(fixture), IClassFixture<PostgresAccessFixture>;
