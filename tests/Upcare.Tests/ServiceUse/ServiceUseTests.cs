using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
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

    private async Task<ServiceUseImportReport> ImportAsync(string csv, string source = "practice-system")
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceUseImport>().ImportAsync(new StringReader(csv), source);
    }

    /// <summary>People discharged <paramref name="dischargedDaysAgo"/> days ago after a referral received 100 days before that.</summary>
    private async Task<List<(Guid Id, string NhsNumber, DateOnly Referred, DateOnly Discharged)>> FinishedAsync(int count, int dischargedDaysAgo, int skip)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var people = await App.WithDbAsync(db => db.People.OrderBy(p => p.NhsNumber).Skip(skip).Take(count).Select(p => new { p.Id, p.NhsNumber }).ToListAsync());
        await App.WithDbAsync(async db =>
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
    private static string Contacts(IEnumerable<(Guid Id, string NhsNumber, DateOnly Referred, DateOnly Discharged)> people)
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

public sealed class ServiceUseOnSqliteTests(SqliteAccessFixture fixture) : ServiceUseTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class ServiceUseOnPostgresTests(PostgresAccessFixture fixture) : ServiceUseTests(fixture), IClassFixture<PostgresAccessFixture>;
