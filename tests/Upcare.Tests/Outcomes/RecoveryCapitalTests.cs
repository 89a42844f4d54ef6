using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Data;
using Upcare.Outcomes;
using Upcare.SocialPrescribing;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Outcomes;

/// <summary>
/// An organisation's own recovery capital measure, supplied like the other licensed questionnaires: offered, scored,
/// and followed by commissioners. The file is made up for the test (three statements), not any real measure's text.
/// </summary>
public abstract class RecoveryCapitalTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    /// <summary>The demo licensed copies plus a test recovery capital file, in a folder of their own.</summary>
    public static IDictionary<string, string?> Settings()
    {
        var folder = Directory.CreateTempSubdirectory("upcare-licensed-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Outcomes", "DemoLicensedInstruments"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        var options = string.Join(",", Enumerable.Range(1, 6).Select(v => $$"""{ "value": {{v}}, "label": "{{v}}" }"""));
        var items = string.Join(",", Enumerable.Range(1, 3).Select(n => $$"""{ "code": "s{{n}}", "text": "Test statement {{n}}", "options": [{{options}}] }"""));
        File.WriteAllText(Path.Combine(folder, "test-recovery.json"), $$"""
            { "code": "test-recovery", "name": "Test recovery capital", "version": "test", "scoring": "sum", "measures": "recovery-capital",
              "introduction": "For the test only.", "licence": "Test text, no licence needed", "source": "Made up for Upcare's tests",
              "items": [{{items}}] }
            """);
        return new Dictionary<string, string?> { ["Upcare:Outcomes:LicensedInstrumentsDirectory"] = folder, ["Upcare:Commissioning:SuppressBelow"] = "3" };
    }

    private static void AddAnswer(UpcareDbContext db, Guid personId, DateTime at, decimal total)
    {
        var response = new MeasureResponse
        {
            Id = Guid.NewGuid(), PersonId = personId, InstrumentCode = "test-recovery", InstrumentVersion = "test", Status = ResponseStatus.Completed,
            Mode = CompletionMode.WithPractitioner, StartedAt = at, UpdatedAt = at, CompletedAt = at, Version = 2,
        };
        db.MeasureResponses.Add(response);
        db.MeasureScores.Add(new MeasureScore { Id = Guid.NewGuid(), ResponseId = response.Id, Code = "total", Label = "Total", Value = total });
    }

    [Fact]
    public async Task A_supplied_recovery_capital_measure_is_offered_scored_and_followed_with_the_other_outcomes()
    {
        using (var scope = App.Services.CreateScope())
        {
            var catalogue = scope.ServiceProvider.GetRequiredService<InstrumentCatalogue>();
            var measure = Assert.Single(catalogue.RecoveryCapital);
            Assert.Equal("Test recovery capital (recovery capital)", measure.ListName);
            var scored = Scoring.Score(measure, [new GivenAnswer("s1", 2, null), new GivenAnswer("s2", 5, null), new GivenAnswer("s3", 6, null)]);
            Assert.Equal(13m, scored.Scores.Single(s => s.Code == "total").Value);
        }

        // Offered to a practitioner, labelled, and described to the administrator with its licence.
        var clinician = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Clinician]);
        var offer = await clinician.GetAsync($"/people/{fixture.Person}/measures/new");
        Assert.Equal(HttpStatusCode.OK, offer.Status);
        Assert.Contains("Test recovery capital (recovery capital)", offer.Text);
        var admin = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Administrator]);
        var instruments = await admin.GetAsync("/admin/instruments");
        Assert.Equal("In use: Test recovery capital. Commissioners follow the change in each one's total with the other outcomes.", instruments.Document.GetElementById("recovery-capital")!.TextContent.Trim());
        Assert.Contains("Test text, no licence needed", instruments.Text);

        // Three people finished social prescribing: totals 20 → 26, 20 → 30, 20 → 18.
        var people = await App.WithDbAsync(db => db.People.OrderBy(p => p.NhsNumber).Skip(40).Take(3).Select(p => p.Id).ToListAsync());
        var received = DateTime.UtcNow.AddDays(-150);
        var discharged = DateTime.UtcNow.AddDays(-10);
        await App.WithDbAsync(async db =>
        {
            var pcn = await db.Organisations.Where(o => o.Kind == Upcare.Organisations.OrganisationKind.PrimaryCareNetwork).Select(o => o.Id).FirstAsync();
            foreach (var (id, after) in people.Zip([26m, 30m, 18m]))
            {
                db.SocialPrescribingReferrals.Add(new SocialPrescribingReferral
                {
                    Id = Guid.NewGuid(), PersonId = id, PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = received,
                    Status = SocialPrescribingStatus.Discharged, DischargedAt = discharged, FirstContactDue = DateOnly.FromDateTime(received),
                });
                AddAnswer(db, id, received.AddDays(2), 20m);
                AddAnswer(db, id, discharged.AddDays(-3), after);
            }
            return await db.SaveChangesAsync();
        });
        var commissioner = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Commissioner]);
        var row = (await commissioner.GetAsync("/figures/outcomes")).Document.QuerySelectorAll("tbody tr")
            .Single(tr => tr.TextContent.Contains("Social prescribing: Test recovery capital (recovery capital)"));
        Assert.Equal(["3", "3", "100.0%", "+4.67"], row.QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()));
        // The fixed measures are still there beside it.
        using var s2 = App.Services.CreateScope();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = await s2.ServiceProvider.GetRequiredService<CommissioningService>().OutcomesAsync(today.AddDays(-30), today);
        Assert.Equal(["ONS4 life satisfaction", "SWEMWBS (metric score)", "MYCaW first concern", "Test recovery capital (recovery capital)"],
            rows.Where(r => r.Programme == "Social prescribing").Select(r => r.Measure));
    }
}

public sealed class RecoveryCapitalSqliteFixture() : AccessFixture(DatabaseProvider.Sqlite, RecoveryCapitalTests.Settings());

public sealed class RecoveryCapitalPostgresFixture() : AccessFixture(DatabaseProvider.Postgres, RecoveryCapitalTests.Settings());

public sealed class RecoveryCapitalOnSqliteTests(RecoveryCapitalSqliteFixture fixture) : RecoveryCapitalTests(fixture), IClassFixture<RecoveryCapitalSqliteFixture>;

public sealed class RecoveryCapitalOnPostgresTests(RecoveryCapitalPostgresFixture fixture) : RecoveryCapitalTests(fixture), IClassFixture<RecoveryCapitalPostgresFixture>;
