using System.Net;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Outcomes;

/// <summary>Questionnaires end to end through the pages, on SQLite and PostgreSQL.</summary>
public abstract class OutcomePagesTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>A fresh person at the clinician's practice with their own account, so each test starts clean.</summary>
    private async Task<(Guid PersonId, PageClient Person)> NewPersonAsync()
    {
        var personId = await App.WithDbAsync(async db =>
        {
            var used = await db.Users.Where(u => u.PersonId != null).Select(u => u.PersonId!.Value).ToListAsync();
            return await db.People.Where(p => p.GpPracticeId == fixture.PracticeId && !used.Contains(p.Id)).OrderBy(p => p.NhsNumber).Select(p => p.Id).FirstAsync();
        });
        var email = await App.CreateUserAsync(UserRole.Person, personId: personId);
        return (personId, await PageClient.SignedInAsync(App, email));
    }

    private Task<PageClient> ClinicianAsync() => PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);

    private static async Task<PageResult> SendAsync(PageClient clinician, Guid personId, string instrument, string? repeat = null)
    {
        var url = $"/people/{personId}/measures/new";
        var page = await clinician.GetAsync(url);
        var fields = new Dictionary<string, string> { ["InstrumentCode"] = instrument };
        if (repeat is not null)
        {
            fields["RepeatEveryMonths"] = repeat;
        }
        return await clinician.SubmitFormAsync(page, url + "?handler=Send", fields);
    }

    private static async Task<string> StartWithPractitionerAsync(PageClient clinician, Guid personId, string instrument)
    {
        var url = $"/people/{personId}/measures/new";
        var started = await clinician.SubmitFormAsync(await clinician.GetAsync(url), url + "?handler=Start", new Dictionary<string, string> { ["InstrumentCode"] = instrument });
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        return started.Location!.ToString();
    }

    private static Dictionary<string, string> Answers(string action, params (string Item, object Value)[] answers)
    {
        var fields = answers.ToDictionary(a => $"answers[{a.Item}]", a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture)!);
        fields["action"] = action;
        return fields;
    }

    [Fact]
    public async Task A_person_answers_a_questionnaire_sent_to_them_saving_and_coming_back_and_sees_their_scores()
    {
        var (personId, person) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(clinician, personId, "ons4", repeat: "6")).Status);
        Assert.Contains("already been sent", (await SendAsync(clinician, personId, "ons4")).ErrorSummary.Single());

        var home = await person.GetAsync("/me");
        Assert.Contains("You have 1 questionnaire to answer", home.Text);
        var list = await person.GetAsync("/me/questionnaires");
        var started = await person.SubmitFormAsync(list, "/me/questionnaires?handler=Start", new Dictionary<string, string>(), handler: "Start");
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        var url = started.Location!.ToString();

        // One question per page: answer the first, save and come back later.
        var first = await person.SubmitAsync(url + "?q=1", Answers("save", ("satisfied", 7)));
        Assert.Equal("/me/questionnaires", first.Location!.ToString());
        var again = await person.GetAsync(url);
        Assert.Equal("7", again.Document.QuerySelector("input[name='answers[satisfied]'][checked]")!.GetAttribute("value"));

        // Submitting with questions missing is refused and nothing is scored.
        var missing = await person.SubmitAsync(url, Answers("submit", ("worthwhile", 8)));
        Assert.Equal(["Answer \"Overall, how happy did you feel yesterday?\""], missing.ErrorSummary);

        // An answer out of range refuses the whole save.
        var bad = await person.SubmitAsync(url, Answers("save", ("happy", 11), ("anxious", 2)));
        Assert.Equal(["Choose one of the answers given for \"Overall, how happy did you feel yesterday?\""], bad.ErrorSummary);
        var stored = await App.WithDbAsync(db => db.MeasureAnswers.Where(a => db.MeasureResponses.Any(r => r.Id == a.ResponseId && r.PersonId == personId)).Select(a => a.ItemCode).ToListAsync());
        Assert.DoesNotContain("anxious", stored);

        var form = await person.GetAsync(url);
        var done = await person.SubmitFormAsync(form, url, Answers("submit", ("worthwhile", 8), ("happy", 6), ("anxious", 2)));
        Assert.Equal("/me/measures/ons4", done.Location!.ToString());
        var trend = await person.GetAsync("/me/measures/ons4");
        Assert.Contains("Life satisfaction", trend.Text);
        Assert.Contains("Only one response so far", trend.Text);
        var scores = await App.WithDbAsync(db => db.MeasureScores.Where(s => db.MeasureResponses.Any(r => r.Id == s.ResponseId && r.PersonId == personId)).ToListAsync());
        Assert.Equal(["anxious:2:Low", "happy:6:Medium", "satisfied:7:High", "worthwhile:8:High"], scores.Select(s => $"{s.Code}:{s.Value:0}:{s.Band}").Order());

        // The schedule: the next one is due in 6 months.
        var next = await App.WithDbAsync(db => db.MeasureRequests.SingleAsync(r => r.PersonId == personId && r.Status == RequestStatus.Due));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6), next.DueOn);

        // A second submission of the same response (the same form sent again) is refused, and nothing changes.
        var twice = await person.SubmitFormAsync(form, url, Answers("submit", ("worthwhile", 1)));
        Assert.Contains("already submitted", twice.ErrorSummary.Single());
        var answers = await App.WithDbAsync(db => db.MeasureAnswers.Where(a => db.MeasureResponses.Any(r => r.Id == a.ResponseId && r.PersonId == personId) && a.ItemCode == "worthwhile").Select(a => a.Value).SingleAsync());
        Assert.Equal(8, answers);

        var seen = await clinician.GetAsync($"/people/{personId}/measures");
        Assert.Contains("ONS personal wellbeing (ONS4)", seen.Text);
        Assert.Contains("Life satisfaction: 7 (High)", seen.Text);
    }

    [Fact]
    public async Task A_completed_response_is_never_changed_and_a_second_submission_says_so()
    {
        var (personId, _) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        var url = await StartWithPractitionerAsync(clinician, personId, "sure");
        var all = Answers("submit", ("sure", 1), ("understand", 1), ("risk-benefit", 0), ("encouragement", 1));
        var page = await clinician.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.SubmitFormAsync(page, url, all)).Status);
        // The same form submitted again (e.g. the back button): refused, nothing changes.
        var again = await clinician.SubmitFormAsync(page, url, Answers("submit", ("sure", 0), ("understand", 0), ("risk-benefit", 0), ("encouragement", 0)));
        Assert.Contains("already submitted", again.ErrorSummary.Single());
        var total = await App.WithDbAsync(db => db.MeasureScores.Where(s => db.MeasureResponses.Any(r => r.Id == s.ResponseId && r.PersonId == personId)).SingleAsync());
        Assert.Equal(3, total.Value);
        Assert.Equal("Decisional conflict", total.Band);
    }

    [Fact]
    public async Task PHQ9_item_9_raises_an_alert_for_practitioners_with_a_relationship_only()
    {
        var (personId, _) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        var url = await StartWithPractitionerAsync(clinician, personId, "phq9");
        var answers = Enumerable.Range(1, 9).Select(i => ($"q{i}", (object)(i == 9 ? 1 : 0))).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.SubmitAsync(url, Answers("submit", answers))).Status);

        var alerts = await clinician.GetAsync("/outcomes/alerts");
        Assert.Contains("Item 9", alerts.Text);
        var stranger = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorker));
        Assert.DoesNotContain("Item 9", (await stranger.GetAsync("/outcomes/alerts")).Text);
        var forPerson = await clinician.GetAsync($"/people/{personId}/measures");
        Assert.Contains("Item 9", forPerson.Text);

        var alertId = await App.WithDbAsync(db => db.MeasureAlerts.Where(a => a.PersonId == personId).Select(a => a.Id).SingleAsync());
        var acknowledged = await clinician.SubmitFormAsync(alerts, "/outcomes/alerts", new Dictionary<string, string> { ["alertId"] = alertId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.Status);
        Assert.DoesNotContain($"/people/{personId}/measures", (await clinician.GetAsync("/outcomes/alerts")).Document.Body!.InnerHtml);
    }

    [Fact]
    public async Task A_correction_supersedes_the_response_it_corrects_and_the_trend_shows_meaningful_change()
    {
        var (personId, _) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        var items = new[] { "optimistic", "useful", "relaxed", "problems", "thinking", "close", "own-mind" };
        (string, object)[] All(int value) => items.Select(i => (i, (object)value)).ToArray();

        var firstUrl = await StartWithPractitionerAsync(clinician, personId, "swemwbs");
        await clinician.SubmitAsync(firstUrl, Answers("submit", All(2))); // raw 14 → 15.32
        var secondUrl = await StartWithPractitionerAsync(clinician, personId, "swemwbs");
        await clinician.SubmitAsync(secondUrl, Answers("submit", All(3))); // raw 21 → 19.25

        var trend = await clinician.GetAsync($"/people/{personId}/measures/swemwbs");
        Assert.Contains("+3.93 since the first response (better): a meaningful change (at least 2.87 points).", trend.Text);

        // Correct the second: the corrected one is superseded and leaves the trend.
        var completed = await clinician.GetAsync(secondUrl);
        var correction = await clinician.SubmitFormAsync(completed, secondUrl + "?handler=Correct", new Dictionary<string, string>(), handler: "Correct");
        var correctionUrl = correction.Location!.ToString();
        await clinician.SubmitAsync(correctionUrl, Answers("submit", ("optimistic", 2), ("useful", 2), ("relaxed", 3), ("problems", 2), ("thinking", 2), ("close", 2), ("own-mind", 2)));
        var statuses = await App.WithDbAsync(db => db.MeasureResponses.Where(r => r.PersonId == personId).OrderBy(r => r.StartedAt).Select(r => r.Status).ToListAsync());
        Assert.Equal([ResponseStatus.Completed, ResponseStatus.Superseded, ResponseStatus.Completed], statuses);
        var after = await clinician.GetAsync($"/people/{personId}/measures/swemwbs");
        Assert.Contains("+0.52 since the first response (better): not a meaningful change (less than 2.87 points).", after.Text);
    }

    [Fact]
    public async Task Nobody_reaches_another_persons_questionnaire()
    {
        var (personId, _) = await NewPersonAsync();
        var (_, otherPerson) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        var url = await StartWithPractitionerAsync(clinician, personId, "gad7");
        var responseId = url.Split('/').Last();
        Assert.Equal(HttpStatusCode.NotFound, (await otherPerson.GetAsync($"/me/questionnaires/{responseId}")).Status);
        var linkWorker = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.LinkWorker));
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await linkWorker.GetAsync($"/people/{personId}/measures")).Status);
    }

    [Fact]
    public async Task A_PAM_score_is_recorded_by_a_practitioner_as_its_level()
    {
        var (personId, person) = await NewPersonAsync();
        var clinician = await ClinicianAsync();
        var sent = await SendAsync(clinician, personId, "pam");
        Assert.Equal(["Patient Activation Measure (PAM) level is recorded by a practitioner, not sent to the person"], sent.ErrorSummary);
        var url = await StartWithPractitionerAsync(clinician, personId, "pam");
        var notANumber = await clinician.SubmitAsync(url, Answers("submit", ("score", "high")));
        Assert.Equal(["\"PAM score (0 to 100)\" must be a number, like 58.3"], notANumber.ErrorSummary);
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.SubmitAsync(url, Answers("submit", ("score", "55.2")))).Status);
        var level = await App.WithDbAsync(db => db.MeasureScores.Where(s => s.Code == "level" && db.MeasureResponses.Any(r => r.Id == s.ResponseId && r.PersonId == personId)).SingleAsync());
        Assert.Equal(3, level.Value);
        Assert.DoesNotContain("Patient Activation", (await person.GetAsync("/me/questionnaires")).Text.Split("Your results")[0]);
    }

    [Fact]
    public async Task A_clinician_sees_no_collaboRATE_score_before_25_encounters()
    {
        var clinician = await ClinicianAsync();
        var page = await clinician.GetAsync("/outcomes/collaborate");
        Assert.Contains("of the 25 complete responses needed", page.Document.GetElementById("collaborate-result")!.TextContent);
    }

    [Fact]
    public async Task An_administrator_sees_the_instruments_and_their_licences()
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var page = await admin.GetAsync("/admin/instruments");
        Assert.Contains("Open Government Licence", page.Text);
        Assert.Contains("DEMO COPY", page.Text);
        Assert.Contains("Insignia", page.Text);
    }
}

public sealed class OutcomePagesOnSqliteTests(SqliteAccessFixture fixture) : OutcomePagesTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class OutcomePagesOnPostgresTests(PostgresAccessFixture fixture) : OutcomePagesTests(fixture), IClassFixture<PostgresAccessFixture>;
