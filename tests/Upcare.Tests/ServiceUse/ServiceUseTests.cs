using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Organisations;
using Upcare.People;
using Upcare.ServiceUse;
using Upcare.SocialPrescribing;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceUse;

/// <summary>GP and hospital activity imported as CSV, and the before-and-after figures commissioners see, on a hand-made population.</summary>
public abstract class ServiceUseTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private Task<ServiceUseImportReport> ImportAsync(string csv, string source = "practice-system") => ImportAsync(App, csv, source);

    internal static async Task<ServiceUseImportReport> ImportAsync(UpcareApp app, string csv, string source = "practice-system")
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceUseImport>().ImportAsync(new StringReader(csv), source);
    }

    /// <summary>People discharged <paramref name="dischargedDaysAgo"/> days ago after a referral received 100 days before that.</summary>
    private Task<List<(Guid Id, string NhsNumber, DateOnly Referred, DateOnly Discharged)>> FinishedAsync(int count, int dischargedDaysAgo, int skip) => FinishedAsync(App, count, dischargedDaysAgo, skip);

    internal static async Task<List<(Guid Id, string NhsNumber, DateOnly Referred, DateOnly Discharged)>> FinishedAsync(UpcareApp app, int count, int dischargedDaysAgo, int skip)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = await app.WithDbAsync(db => db.People.OrderBy(p => p.NhsNumber).Skip(skip).Take(count).Select(p => new { p.Id, p.NhsNumber }).ToListAsync());
        await app.WithDbAsync(async db =>
        {
            var pcn = await db.Organisations.Where(o => o.Kind == OrganisationKind.PrimaryCareNetwork).Select(o => o.Id).FirstAsync();
            foreach (var p in people)
            {
                var discharged = DateTime.UtcNow.Date.AddDays(-dischargedDaysAgo).AddHours(12);
                db.SocialPrescribingReferrals.Add(new SocialPrescribingReferral
                {
                    Id = Guid.NewGuid(), PersonId = p.Id, PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = discharged.AddDays(-100),
                    Status = SocialPrescribingStatus.Discharged, DischargedAt = discharged, FirstContactDue = DateOnly.FromDateTime(discharged.AddDays(-90)),
                });
            }
            return await db.SaveChangesAsync();
        });
        return people.Select(p => (p.Id, p.NhsNumber, today.AddDays(-dischargedDaysAgo - 100), today.AddDays(-dischargedDaysAgo))).ToList();
    }

    /// <summary>Each person's contacts: three GP appointments in the 3 months before, one more in months 4–6, one after in each, one long before.</summary>
    internal static string Contacts(IEnumerable<(Guid Id, string NhsNumber, DateOnly Referred, DateOnly Discharged)> people)
    {
        var csv = new StringBuilder(ServiceUseImport.Header + "\n");
        foreach (var p in people)
        {
            foreach (var (day, n) in new[] { (p.Referred.AddDays(-20), 1), (p.Referred.AddDays(-50), 2), (p.Referred.AddDays(-80), 3), (p.Referred.AddDays(-140), 4),
                (p.Discharged.AddDays(20), 5), (p.Discharged.AddDays(120), 6), (p.Referred.AddDays(-250), 7) })
            {
                csv.Append($"GP-{p.NhsNumber}-{n},{p.NhsNumber},gp-appointment,{day:yyyy-MM-dd}\n");
            }
        }
        return csv.ToString();
    }

    [Fact]
    public async Task Commissioners_see_GP_and_hospital_use_before_the_referral_and_after_discharge_with_small_numbers_hidden()
    {
        var commissioner = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner]);
        // Nine people finished 200 days ago: too few to show.
        var first = await FinishedAsync(9, 200, skip: 0);
        Assert.Equal(63, (await ImportAsync(Contacts(first))).Added);
        var page = await commissioner.GetAsync("/figures/service-use");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith("Fewer than 10 people have finished social prescribing at least 3 months ago", page.Document.GetElementById("service-use-3")!.TextContent.Trim());

        // Three more (twelve), one A&E attendance before, and someone discharged only 60 days ago, who is not counted yet.
        var more = await FinishedAsync(3, 200, skip: 9);
        var recent = await FinishedAsync(1, 60, skip: 12);
        await ImportAsync(Contacts(more.Concat(recent)) + $"AE-1,{more[0].NhsNumber},ae-attendance,{more[0].Referred.AddDays(-10):yyyy-MM-dd}\n");
        page = await commissioner.GetAsync("/figures/service-use");
        string[][] Table(string id) => page.Document.GetElementById(id)!.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal([["GP appointments", "36", "12", "down 67%"], ["A&E attendances", "fewer than 10", "0", "not shown"], ["Emergency admissions", "0", "0", "no change"]], Table("service-use-3"));
        Assert.Equal([["GP appointments", "48", "24", "down 50%"], ["A&E attendances", "fewer than 10", "0", "not shown"], ["Emergency admissions", "0", "0", "no change"]], Table("service-use-6"));
        Assert.Contains("12 people.", page.Text);

        // Only commissioners see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await PageClient.SignedInAsync(App, fixture.Users[UserRole.LinkWorker])).GetAsync("/figures/service-use")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await new PageClient(App).GetAsync("/figures/service-use")).Status);
    }

    [Fact]
    public async Task An_import_refuses_bad_rows_by_line_and_a_file_sent_twice_adds_nothing_twice()
    {
        var person = await App.WithDbAsync(db => db.People.OrderByDescending(p => p.NhsNumber).Select(p => p.NhsNumber).FirstAsync());
        var stranger = Enumerable.Range(100_000_000, 1000).Select(n => n.ToString()).Select(nine => NhsNumber.CheckDigitFor(nine) is { } d ? nine + d : null)
            .First(n => n is not null && n != person)!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var csv = $"""
            {ServiceUseImport.Header}
            R1,{person},gp-appointment,{today.AddDays(-3):yyyy-MM-dd}
            R2,1234567890,gp-appointment,{today.AddDays(-3):yyyy-MM-dd}
            R3,{person},dentist,{today.AddDays(-3):yyyy-MM-dd}
            R4,{person},ae-attendance,{today.AddDays(3):yyyy-MM-dd}
            R1,{person},gp-appointment,{today.AddDays(-4):yyyy-MM-dd}
            R5,{person},gp-appointment
            R6,{stranger},emergency-admission,{today.AddDays(-9):yyyy-MM-dd}
            R7,{person},emergency-admission,{today.AddDays(-9):yyyy-MM-dd}
            """;
        var before = await App.WithDbAsync(db => db.ServiceUseEvents.CountAsync());
        var report = await ImportAsync(csv, "acute-trust");
        Assert.Equal((2, 0), (report.Added, report.AlreadyHeld));
        Assert.Equal([
            "Line 3: 1234567890 is not a valid NHS number (10 digits with a correct check digit)",
            "Line 4: kind must be one of gp-appointment, ae-attendance, emergency-admission, not 'dentist'",
            $"Line 5: date must be a day no later than today, written like 2026-03-31, not '{today.AddDays(3):yyyy-MM-dd}'",
            "Line 6: record_id R1 is in the file twice",
            "Line 7: expected 4 values (record_id,nhs_number,kind,date), found 3",
            $"Line 8: no one with NHS number {stranger} is on Upcare"], report.Rejected);
        var again = await ImportAsync(csv, "acute-trust");
        Assert.Equal((0, 2), (again.Added, again.AlreadyHeld));
        Assert.Equal(before + 2, await App.WithDbAsync(db => db.ServiceUseEvents.CountAsync()));
        // The same record id from another system is another contact.
        Assert.Equal(2, (await ImportAsync(csv, "practice-system-b")).Added);

        var header = await ImportAsync("nhs,kind\n1,2");
        Assert.Equal(["Line 1: the first line must be the header record_id,nhs_number,kind,date"], header.Rejected);
    }
}

/// <summary>
/// The administrator's upload page, and the outcomes contract's evidence showing each finished person's use of services before and after, counting hospital
/// activity from either import. Its own database: its people would change the exact figures the other tests assert.
/// </summary>
public abstract class ServiceUseEvidenceTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    [Fact]
    public async Task The_contract_evidence_and_the_figures_count_hospital_activity_from_either_import()
    {
        var people = await ServiceUseTests.FinishedAsync(App, 2, 150, skip: 20);
        await ServiceUseTests.ImportAsync(App, ServiceUseTests.Contacts(people));
        await App.WithDbAsync(db =>
        {
            // From the contract's own activity import: two admissions in one record, and bed days (not a contact).
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = people[0].Id, On = people[0].Referred.AddDays(-10), Kind = ActivityKind.Admission, Count = 2 });
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = people[0].Id, On = people[0].Referred.AddDays(-10), Kind = ActivityKind.BedDays, Count = 5 });
            db.ActivityRecords.Add(new ActivityRecord { Id = Guid.NewGuid(), PersonId = people[1].Id, On = people[1].Discharged.AddDays(5), Kind = ActivityKind.EmergencyAttendance, Count = 1 });
            return db.SaveChangesAsync();
        });
        var contractId = Guid.NewGuid();
        await App.WithDbAsync(async db =>
        {
            var pcn = await db.Organisations.Where(o => o.Kind == OrganisationKind.PrimaryCareNetwork).Select(o => o.Id).FirstAsync();
            db.OutcomeContracts.Add(new OutcomeContract
            {
                Id = contractId, Name = "Evidence test", ProviderId = pcn, From = people[0].Referred.AddDays(-1), To = people[0].Referred.AddDays(1),
                WellbeingTariffPence = 100, AdmissionTariffPence = 100, CreatedAt = DateTime.UtcNow, CreatedByName = "Test",
            });
            return await db.SaveChangesAsync();
        });
        using var scope = App.Services.CreateScope();
        var c = (await scope.ServiceProvider.GetRequiredService<OutcomePayments>().CalculateAsync(contractId))!;
        var evidence = c.Evidence.Where(e => e.Outcome == "Use of services, 3 months before referral and after discharge").Select(e => e.Detail).Order().ToList();
        Assert.Equal([
            "GP appointments 3 → 1; A&E attendances 0 → 0; Emergency admissions 2 → 0",
            "GP appointments 3 → 1; A&E attendances 0 → 1; Emergency admissions 0 → 0"], evidence.Order(StringComparer.Ordinal));

        var commissioner = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner]);
        var page = await commissioner.GetAsync($"/figures/contracts/{contractId}");
        Assert.Equal(HttpStatusCode.Redirect, (await commissioner.SubmitFormAsync(page, $"/figures/contracts/{contractId}", new Dictionary<string, string>(), handler: "Recalculate")).Status);
        var csv = await commissioner.Http.GetStringAsync($"/figures/contracts/{contractId}?handler=Csv");
        Assert.Contains("GP appointments 3 → 1; A&E attendances 0 → 0; Emergency admissions 2 → 0", csv);
    }

    private static async Task<(HttpStatusCode Status, AngleSharp.Html.Dom.IHtmlDocument Page)> UploadAsync(PageClient client, string? source, string? csv)
    {
        var page = await client.GetAsync("/admin/activity");
        var token = page.Document.QuerySelector("form[action*='Contacts'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (source is not null) content.Add(new StringContent(source), "Source");
        if (csv is not null) content.Add(new StringContent(csv), "ContactsCsv", "contacts.csv");
        using var response = await client.Http.PostAsync("/admin/activity?handler=Contacts", content);
        return (response.StatusCode, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_administrator_uploads_contacts_and_sees_what_was_added_held_and_refused()
    {
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var nhs = await App.WithDbAsync(db => db.People.OrderBy(p => p.NhsNumber).Select(p => p.NhsNumber).FirstAsync());
        var csv = $"{ServiceUseImport.Header}\nU1,{nhs},gp-appointment,2026-01-05\nU2,{nhs},dentist,2026-01-05\n";
        var before = await App.WithDbAsync(db => db.ServiceUseEvents.CountAsync());
        var (status, page) = await UploadAsync(admin, "practice-system", csv);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1 contacts added, 0 already held, 1 lines refused.", page.QuerySelector("#contacts-result p")!.TextContent);
        Assert.Contains("Line 3: kind must be one of", page.QuerySelector("#contacts-result")!.TextContent);
        Assert.Equal("0 contacts added, 1 already held, 1 lines refused.", (await UploadAsync(admin, "practice-system", csv)).Page.QuerySelector("#contacts-result p")!.TextContent);

        // No source or no file: the error summary says which, and nothing is stored.
        var (_, missing) = await UploadAsync(admin, " ", null);
        Assert.Equal(["Enter the name of the system the file comes from, for example 'practice-system'", $"Select a CSV file whose first line is {ServiceUseImport.Header}"],
            missing.QuerySelectorAll(".nhsuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        Assert.Equal(before + 1, await App.WithDbAsync(db => db.ServiceUseEvents.CountAsync()));

        // Only administrators.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner])).GetAsync("/admin/activity")).Status);
    }
}

public sealed class ServiceUseEvidenceOnSqliteTests(SqliteAccessFixture fixture) : ServiceUseEvidenceTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class ServiceUseEvidenceOnPostgresTests(PostgresAccessFixture fixture) : ServiceUseEvidenceTests(fixture), IClassFixture<PostgresAccessFixture>;

public sealed class ServiceUseOnSqliteTests(SqliteAccessFixture fixture) : ServiceUseTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class ServiceUseOnPostgresTests(PostgresAccessFixture fixture) : ServiceUseTests(fixture), IClassFixture<PostgresAccessFixture>;
