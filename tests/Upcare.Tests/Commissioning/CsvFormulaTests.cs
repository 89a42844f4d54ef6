using Microsoft.EntityFrameworkCore;
using Upcare.Access;
using Upcare.Commissioning;
using Upcare.Organisations;
using Upcare.SocialPrescribing;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Commissioning;

/// <summary>A commissioner's CSV never carries a formula a spreadsheet would run: names come from organisations and imports.</summary>
public sealed class CsvFormulaTests(SqliteCommissioningFixture fixture) : IClassFixture<SqliteCommissioningFixture>
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+2", "'\t=1+2")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Open\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\"")]
    // Numbers stay numbers, and text that only contains a sign is untouched.
    [InlineData("-3", "-3")]
    [InlineData("+2.50", "+2.50")]
    [InlineData("SWEMWBS 20.00 → 23.00 (+3.00)", "SWEMWBS 20.00 → 23.00 (+3.00)")]
    [InlineData("£1,500.00", "\"£1,500.00\"")]
    [InlineData("", "")]
    public void A_cell_a_spreadsheet_would_run_is_written_as_text(string cell, string written) =>
        Assert.Equal(written, FigureFormat.Cell(cell));

    [Fact]
    public async Task An_organisation_named_as_a_formula_reaches_the_demand_csv_as_text()
    {
        var app = fixture.App;
        var person = await app.WithDbAsync(db => db.People.AsNoTracking()
            .Where(p => !db.SocialPrescribingReferrals.Any(r => r.PersonId == p.Id && r.Status != SocialPrescribingStatus.Discharged))
            .OrderBy(p => p.Id).FirstAsync());
        var pcn = await app.WithDbAsync(db => db.Organisations.Where(o => o.Code == "U99901").Select(o => o.Id).SingleAsync());
        var organisation = Guid.NewGuid();
        await app.WithDbAsync(db =>
        {
            db.Organisations.Add(new Organisation { Id = organisation, Code = "V99977", Name = "=2+5+cmd|' /C calc'!A0", Kind = OrganisationKind.VcseOrganisation });
            var service = new Upcare.ServiceDirectory.CommunityService { Id = Guid.NewGuid(), OrganisationId = organisation, Name = "@Walking group" };
            db.CommunityServices.Add(service);
            var sp = new SocialPrescribingReferral { Id = Guid.NewGuid(), PersonId = person.Id, PcnId = pcn, ReferredByName = "Dr Test", Reason = "Lonely", ReceivedAt = DateTime.UtcNow, Status = SocialPrescribingStatus.Active, FirstContactDue = DateOnly.FromDateTime(DateTime.UtcNow) };
            db.SocialPrescribingReferrals.Add(sp);
            db.CommunityReferrals.Add(new CommunityReferral
            {
                Id = Guid.NewGuid(), SocialPrescribingReferralId = sp.Id, PersonId = person.Id, ServiceId = service.Id, ServiceName = service.Name, OrganisationId = organisation, SentByName = "Link worker",
                SentAt = DateTime.UtcNow, SharedName = person.GivenName, Status = CommunityReferralStatus.Requested, StatusAt = DateTime.UtcNow, RespondBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), SendKey = Guid.NewGuid(), Version = 1,
            });
            return db.SaveChangesAsync();
        });

        var commissioner = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Commissioner));
        var csv = await commissioner.Http.GetStringAsync("/figures/vcse?handler=Csv");
        var line = Assert.Single(csv.Split("\r\n"), l => l.Contains("cmd|"));
        Assert.StartsWith("Organisation,'=2+5+cmd|' /C calc'!A0,", line);
    }
}
