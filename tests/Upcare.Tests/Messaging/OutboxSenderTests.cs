using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Messaging;
using Upcare.People;
using Upcare.TestDoubles;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Messaging;

/// <summary>
/// The outbox sent with GOV.UK Notify's own client to a local Notify-shaped server: each way of contact by its template,
/// the Accessible Information Standard honoured, failures injected (5xx, a reply lost, slow, down, rate limited, a sender
/// that died mid-send) and nothing lost or sent twice; delivery followed; failures shown to administrators to act on.
/// </summary>
public abstract class OutboxSenderTests(NotifyFixture fixture) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await fixture.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private UpcareApp App => fixture.App;
    private NotifyServer Notify => fixture.Notify;

    private static readonly OutboxStatus[] Settled = [OutboxStatus.Queued, OutboxStatus.Sent, OutboxStatus.Failed, OutboxStatus.HeldForFormat, OutboxStatus.SentByStaff];

    [Fact]
    public async Task Each_way_of_contact_goes_once_by_its_template_and_a_letter_to_someone_needing_large_print_is_held_for_staff()
    {
        var email = await fixture.QueueAsync(ContactMethod.Email, email: "sam@example.com");
        var sms = await fixture.QueueAsync(ContactMethod.TextMessage, phone: "07700 900123");
        var letter = await fixture.QueueAsync(ContactMethod.Letter);
        var largePrint = await fixture.QueueAsync(ContactMethod.Letter, formatNeed: "Large print (24 point)");

        var report = await fixture.SendAsync();
        Assert.True((3, 1, 0) == (report.Sent, report.Held, report.Failed), $"{report}: {(await fixture.MessageAsync(email)).LastError}");

        var atNotify = Assert.Single(fixture.AtNotify(email));
        Assert.Equal(("email", NotifyServer.EmailTemplate, "sam@example.com"), (atNotify.Type, atNotify.TemplateId, atNotify.To));
        Assert.Equal("Your questionnaire is due", (string?)atNotify.Personalisation["subject"]);
        Assert.StartsWith("Dear ", (string?)atNotify.Personalisation["body"]);
        Assert.Equal(atNotify.Id, (await fixture.MessageAsync(email)).ProviderId);
        Assert.Equal(OutboxStatus.Sent, (await fixture.MessageAsync(email)).Status);

        var text = Assert.Single(fixture.AtNotify(sms));
        Assert.Equal(("sms", NotifyServer.SmsTemplate, "07700 900123"), (text.Type, text.TemplateId, text.To));

        var posted = Assert.Single(fixture.AtNotify(letter));
        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == db.OutboxMessages.Single(m => m.Id == letter).PersonId));
        Assert.Equal(person.FullName, (string?)posted.Personalisation["address_line_1"]);
        Assert.Equal(person.Postcode, posted.Personalisation.Where(p => p.Key.StartsWith("address_line_")).Select(p => (string?)p.Value).Last());

        // Never printed in standard type for someone who needs large print: held, with the need, for staff.
        Assert.Empty(fixture.AtNotify(largePrint));
        var held = await fixture.MessageAsync(largePrint);
        Assert.Equal(OutboxStatus.HeldForFormat, held.Status);
        Assert.Contains("Large print (24 point)", held.LastError);

        // A second run sends nothing again.
        var requests = Notify.SendRequests;
        Assert.Equal(0, (await fixture.SendAsync()).Total);
        Assert.Equal(requests, Notify.SendRequests);

        // Delivery is followed until final, and the person sees it.
        Notify.SetStatus(email.ToString(), "delivered");
        Notify.SetStatus(sms.ToString(), "permanent-failure");
        using (var scope = App.Services.CreateScope())
        {
            // These three, and any other test's sent before them.
            Assert.True(await scope.ServiceProvider.GetRequiredService<DeliveryTracking>().CheckAsync() >= 3);
        }
        var delivered = await fixture.MessageAsync(email);
        Assert.Equal("delivered", delivered.DeliveryStatus);
        Assert.NotNull(delivered.DeliveryFinalAt);
        Assert.Equal("permanent-failure", (await fixture.MessageAsync(sms)).DeliveryStatus);
        Assert.Equal(("accepted", null), ((await fixture.MessageAsync(letter)).DeliveryStatus, (await fixture.MessageAsync(letter)).DeliveryFinalAt));
        var personId = (await fixture.MessageAsync(email)).PersonId;
        var me = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: personId));
        Assert.Contains("Delivered", (await me.GetAsync("/me/messages")).Text);

        // An administrator sees the held letter with the need, and records it sent in the person's format: once.
        var admin = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Administrator));
        var page = await admin.GetAsync("/admin/outbox?status=HeldForFormat");
        Assert.Contains("Large print (24 point)", page.Text);
        var done = await admin.SubmitFormAsync(page, "/admin/outbox?status=HeldForFormat", new Dictionary<string, string>(), handler: $"SentAnotherWay&id={largePrint}");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(OutboxStatus.SentByStaff, (await fixture.MessageAsync(largePrint)).Status);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == held.PersonId && a.Action == "outbox-sent-by-staff")));
        var again = await admin.SubmitFormAsync(page, "/admin/outbox?status=HeldForFormat", new Dictionary<string, string>(), handler: $"SentAnotherWay&id={largePrint}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("Someone else has dealt with this message", string.Join(" ", again.ErrorSummary));
        Assert.Contains("Sent to you in your format", (await (await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Person, personId: held.PersonId))).GetAsync("/me/messages")).Text);
    }

    [Theory]
    [InlineData("a 500")]
    [InlineData("a 500 after Notify accepted it")]
    [InlineData("no answer in time")]
    [InlineData("Notify down")]
    [InlineData("a 429")]
    [InlineData("a sender that died mid-send")]
    public async Task A_failed_attempt_is_tried_again_and_one_that_may_have_reached_Notify_is_looked_up_never_sent_twice(string failure)
    {
        var id = await fixture.QueueAsync(ContactMethod.Email, email: "failure@example.com");
        var requests = Notify.SendRequests;
        switch (failure)
        {
            case "a 500":
                Notify.FailNext(1, 500);
                break;
            case "a 500 after Notify accepted it":
                Notify.FailNext(1, 500, acceptFirst: true);
                break;
            case "no answer in time":
                Notify.Delay = TimeSpan.FromSeconds(6);
                break;
            case "Notify down":
                await Notify.DownAsync();
                break;
            case "a 429":
                Notify.FailNext(1, 429);
                break;
        }
        if (failure == "a sender that died mid-send")
        {
            // Notify accepted it, then the instance died before recording that: the row is left claimed, long ago.
            Assert.Equal(1, (await fixture.SendAsync()).Sent);
            await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimedAt, DateTime.UtcNow.AddHours(-1))
                .SetProperty(m => m.ClaimToken, Guid.NewGuid()).SetProperty(m => m.ProviderId, (string?)null).SetProperty(m => m.SentAt, (DateTime?)null)));
            Assert.Equal(1, (await fixture.SendAsync()).Released);
        }
        else
        {
            var first = await fixture.SendAsync();
            Assert.Equal((0, 1), (first.Sent, first.Retrying));
            var waiting = await fixture.MessageAsync(id);
            Assert.Equal((OutboxStatus.Queued, 1), (waiting.Status, waiting.Attempts));
            Assert.NotNull(waiting.LastError);
            Assert.Equal(failure != "a 429", waiting.MayHaveBeenSent);
            Assert.Contains(failure switch { "no answer in time" => "no answer from GOV.UK Notify in time", "Notify down" => "could not reach GOV.UK Notify", "a 429" => "429", _ => "500" }, waiting.LastError);
            (Notify.Delay, Notify.AlwaysFailWith) = (TimeSpan.Zero, null);
            if (failure == "Notify down")
            {
                await Notify.UpAsync();
            }
            Assert.Equal(1, (await fixture.SendAsync()).Sent);
        }

        var sent = await fixture.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        var atNotify = Assert.Single(fixture.AtNotify(id));
        Assert.Equal(atNotify.Id, sent.ProviderId);
        // When Notify may have had it, the second attempt asked before sending: no second POST.
        var expectedPosts = failure switch { "a 500 after Notify accepted it" or "no answer in time" or "a sender that died mid-send" => 1, "Notify down" => 1, _ => 2 };
        Assert.Equal(expectedPosts, Notify.SendRequests - requests);
    }

    [Fact]
    public async Task A_refused_or_given_up_message_fails_visibly_and_an_administrator_can_try_it_again()
    {
        var landline = await fixture.QueueAsync(ContactMethod.TextMessage, phone: "0191 498 0000");
        var noAddress = await fixture.QueueAsync(ContactMethod.Letter, withoutAddress: true);
        var keepsFailing = await fixture.QueueAsync(ContactMethod.Email, email: "kept@example.com");
        Notify.AlwaysFailWith = 503;
        try
        {
            for (var i = 0; i < 4; i++)
            {
                await fixture.SendAsync();
            }
        }
        finally
        {
            Notify.AlwaysFailWith = null;
        }

        var refused = await fixture.MessageAsync(landline);
        Assert.Equal((OutboxStatus.Failed, 1), (refused.Status, refused.Attempts));
        Assert.Contains("Not a UK mobile number", refused.LastError);
        var unaddressed = await fixture.MessageAsync(noAddress);
        Assert.Equal(OutboxStatus.Failed, unaddressed.Status);
        Assert.Contains("no full postal address", unaddressed.LastError);
        var gaveUp = await fixture.MessageAsync(keepsFailing);
        Assert.Equal((OutboxStatus.Failed, 4), (gaveUp.Status, gaveUp.Attempts));
        Assert.StartsWith("Gave up after 4 attempts", gaveUp.LastError);
        Assert.Empty(fixture.AtNotify(landline).Concat(fixture.AtNotify(noAddress)).Concat(fixture.AtNotify(keepsFailing)));

        // Someone of another role, and a stranger, cannot act on the outbox; the message stays as it was.
        var clinician = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Clinician));
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/admin/outbox")).Status);
        using var wrongRole = await clinician.Http.PostAsync($"/admin/outbox?handler=TryAgain&id={keepsFailing}", new FormUrlEncodedContent([]));
        Assert.True(wrongRole.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{wrongRole.StatusCode}");
        using var anonymous = await new PageClient(App).Http.PostAsync($"/admin/outbox?handler=TryAgain&id={keepsFailing}", new FormUrlEncodedContent([]));
        Assert.True(anonymous.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{anonymous.StatusCode}");
        Assert.True(anonymous.StatusCode != HttpStatusCode.Redirect || anonymous.Headers.Location!.PathAndQuery.StartsWith("/sign-in"));
        Assert.Equal((OutboxStatus.Failed, 4), ((await fixture.MessageAsync(keepsFailing)).Status, (await fixture.MessageAsync(keepsFailing)).Attempts));

        // An administrator sees each failure and why, and tries the given-up one again: it goes.
        var admin = await PageClient.SignedInAsync(App, await App.CreateUserAsync(UserRole.Administrator));
        var page = await admin.GetAsync("/admin/outbox?status=Failed");
        Assert.Contains("Not a UK mobile number", page.Text);
        Assert.Contains("no full postal address", page.Text);
        Assert.Contains("Gave up after 4 attempts", page.Text);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync(page, "/admin/outbox?status=Failed", new Dictionary<string, string>(), handler: $"TryAgain&id={keepsFailing}")).Status);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == gaveUp.PersonId && a.Action == "outbox-tried-again")));
        Assert.Equal((OutboxStatus.Queued, 0), ((await fixture.MessageAsync(keepsFailing)).Status, (await fixture.MessageAsync(keepsFailing)).Attempts));
        await fixture.SendAsync();
        Assert.Equal(OutboxStatus.Sent, (await fixture.MessageAsync(keepsFailing)).Status);
        Assert.Single(fixture.AtNotify(keepsFailing));

        Assert.All(await App.WithDbAsync(db => db.OutboxMessages.Select(m => m.Status).ToListAsync()), s => Assert.Contains(s, Settled));
    }
}

public sealed class OutboxSenderOnSqliteTests(SqliteNotifyFixture fixture) : OutboxSenderTests(fixture), IClassFixture<SqliteNotifyFixture>;

public sealed class OutboxSenderOnPostgresTests(PostgresNotifyFixture fixture) : OutboxSenderTests(fixture), IClassFixture<PostgresNotifyFixture>;
