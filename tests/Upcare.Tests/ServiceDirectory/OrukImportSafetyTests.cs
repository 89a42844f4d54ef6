using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Data;
using Upcare.Organisations;
using Upcare.ServiceDirectory;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.ServiceDirectory;

/// <summary>An import from another directory is untrusted: it cannot overwrite Upcare's own records, store script links, or reach inside the network.</summary>
public abstract class OrukImportSafetyTests(DatabaseProvider provider)
{
    private async Task<UpcareApp> FreshAsync(string name) => new(provider, await UpcareApp.NewDatabaseAsync(provider, name));

    private static async Task<ImportReport> ImportAsync(UpcareApp app, object document)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<OrukImporter>().ImportJsonAsync(JsonSerializer.Serialize(document));
    }

    private static object Service(Guid id, string name, Guid organisationId, string organisationName, string? url = null, Guid? locationId = null) => new
    {
        id, name, status = "active", url,
        organization = new { id = organisationId, name = organisationName },
        service_at_locations = locationId is { } l
            ? new[] { new { id = Guid.NewGuid(), location = new { id = l, name = "Hall", latitude = 54.97, longitude = -1.65, addresses = new[] { new { address_1 = "1 High St", city = "Newcastle", postal_code = "NE4 5AA" } } } } }
            : [],
    };

    [Fact]
    public async Task An_import_cannot_rename_a_gp_practice_take_over_a_local_service_or_give_services_to_a_local_organisation()
    {
        await using var app = await FreshAsync("import-overwrite");
        var practice = new Organisation { Id = Guid.NewGuid(), Code = "A99971", Name = "Riverside Practice", Kind = OrganisationKind.GpPractice };
        var vcse = new Organisation { Id = Guid.NewGuid(), Code = "V99971", Name = "Elswick Neighbours", Kind = OrganisationKind.VcseOrganisation };
        var (local, localLocation) = (Guid.NewGuid(), Guid.NewGuid());
        await app.WithDbAsync(db =>
        {
            db.Organisations.AddRange(practice, vcse);
            db.CommunityServices.Add(new CommunityService { Id = local, OrganisationId = vcse.Id, Name = "Walking group", Url = "https://walks.example" });
            db.DirectoryLocations.Add(new DirectoryLocation { Id = localLocation, OrganisationId = vcse.Id, Name = "Our hall", Postcode = "NE4 5AA" });
            return db.SaveChangesAsync();
        });

        // An organisation list item with a GP practice's id and a new name.
        var renamed = Assert.Single((await ImportAsync(app, new { id = practice.Id, name = "Evil Practice" })).Items);
        Assert.Equal(ImportOutcome.Rejected, renamed.Outcome);
        Assert.Contains("did not come from an imported file", renamed.Notes.Single());
        Assert.Equal(practice.Name, await app.WithDbAsync(db => db.Organisations.Where(o => o.Id == practice.Id).Select(o => o.Name).SingleAsync()));

        // A service with a local service's id, moved to a new organisation: referrals (with the person's details) would go there.
        var takeover = Assert.Single((await ImportAsync(app, Service(local, "Walking group", Guid.NewGuid(), "Harvesters Ltd"))).Items);
        Assert.Equal(ImportOutcome.Rejected, takeover.Outcome);
        var stored = await app.WithDbAsync(db => db.CommunityServices.AsNoTracking().SingleAsync(s => s.Id == local));
        Assert.Equal((vcse.Id, "https://walks.example"), (stored.OrganisationId, stored.Url));

        // A new service given to the GP practice, or to a local community organisation, or using a local place.
        foreach (var (document, why) in new[]
        {
            (Service(Guid.NewGuid(), "Fake clinic", practice.Id, practice.Name), "did not come from this source"),
            (Service(Guid.NewGuid(), "Fake group", vcse.Id, vcse.Name), "did not come from this source"),
            (Service(Guid.NewGuid(), "Borrowed hall", Guid.NewGuid(), "New group", locationId: localLocation), $"location {localLocation}"),
        })
        {
            var item = Assert.Single((await ImportAsync(app, document)).Items);
            Assert.Equal(ImportOutcome.Rejected, item.Outcome);
            Assert.Contains(why, item.Notes.Single());
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.CommunityServices.CountAsync()));
        Assert.Equal("Our hall", await app.WithDbAsync(db => db.DirectoryLocations.Where(l => l.Id == localLocation).Select(l => l.Name).SingleAsync()));

        // What the import made itself, it may change again.
        var (own, ownOrg) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(ImportOutcome.Added, Assert.Single((await ImportAsync(app, Service(own, "Book club", ownOrg, "Readers"))).Items).Outcome);
        Assert.Equal(ImportOutcome.Changed, Assert.Single((await ImportAsync(app, Service(own, "Book club and café", ownOrg, "Readers"))).Items).Outcome);
    }

    [Fact]
    public async Task Only_http_and_https_links_are_kept()
    {
        await using var app = await FreshAsync("import-links");
        var (script, web) = (Guid.NewGuid(), Guid.NewGuid());
        var report = await ImportAsync(app, new[] { Service(script, "Script", Guid.NewGuid(), "Org A", url: "javascript:alert(document.cookie)"), Service(web, "Web", Guid.NewGuid(), "Org B", url: "https://ok.example/group") });
        Assert.Equal([ImportOutcome.Added, ImportOutcome.Added], report.Items.Select(i => i.Outcome));
        Assert.Contains("url is not an http or https address: not kept", report.Items[0].Notes);
        Assert.Null(await app.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == script).Select(s => s.Url).SingleAsync()));
        Assert.Equal("https://ok.example/group", await app.WithDbAsync(db => db.CommunityServices.Where(s => s.Id == web).Select(s => s.Url).SingleAsync()));
    }

    [Theory]
    [InlineData("http://localhost:{port}/oruk")]
    [InlineData("http://127.0.0.1:{port}/oruk")]
    [InlineData("http://127.1:{port}/oruk")]
    [InlineData("http://0x7f000001:{port}/oruk")]
    [InlineData("http://[::1]:{port}/oruk")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/oruk")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.1:5432/oruk")]
    [InlineData("http://localhost:1/oruk")]
    public async Task An_import_from_an_address_inside_the_network_is_refused_with_one_message(string address)
    {
        await using var app = await FreshAsync("import-ssrf");
        // The test PostgreSQL server listens on loopback: an open port must look exactly like a closed one.
        var port = (await PostgresServer.GetAsync()).Port;
        var admin = await PageClient.SignedInAsync(app, await app.CreateUserAsync(UserRole.Administrator));
        var page = await admin.SubmitAsync("/admin/directory-import", new Dictionary<string, string> { ["BaseAddress"] = address.Replace("{port}", port.ToString()) });
        Assert.Equal(["Could not read an Open Referral UK API at that address. Check it is a public https address of an Open Referral UK API, like https://directory.example/oruk"], page.ErrorSummary);
        Assert.Equal(0, await app.WithDbAsync(db => db.CommunityServices.CountAsync()));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2a00:1450:4009:81f::200e", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("64:ff9b::a00:1", false)]
    public void Only_public_addresses_may_be_connected_to(string address, bool allowed) =>
        Assert.Equal(allowed, ImportHttp.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_refused_before_it_is_all_read()
    {
        using var http = new HttpClient(new EndlessAnswer());
        await Assert.ThrowsAsync<HttpRequestException>(() => ImportHttp.ReadJsonAsync(http, "https://directory.example/oruk/services", CancellationToken.None));
    }

    /// <summary>Another directory that answers with an endless body and no length: the reader must stop at the limit.</summary>
    private sealed class EndlessAnswer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new Endless()) });

        private sealed class Endless : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) { Array.Fill(buffer, (byte)' ', offset, count); return count; }
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}

public sealed class OrukImportSafetyOnSqliteTests() : OrukImportSafetyTests(DatabaseProvider.Sqlite);

public sealed class OrukImportSafetyOnPostgresTests() : OrukImportSafetyTests(DatabaseProvider.Postgres);
