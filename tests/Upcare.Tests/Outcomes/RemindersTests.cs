using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Upcare.Access;
using Upcare.Hosting;
using Upcare.Outcomes;
using Upcare.People;
using Upcare.Tests.Access;
using Upcare.Tests.Infrastructure;

namespace Upcare.Tests.Outcomes;

/// <summary>Reminders of questionnaires that have fallen due, through the outbox, and the lease that keeps the job to one instance.</summary>
public abstract class RemindersTests(AccessFixture fixture)
{
    private UpcareApp App => fixture.App;

    private async Task<int> RunJobAsync()
    {
        using var scope = App.Services.CreateScope();
        return await QuestionnaireReminders.RunOnceAsync(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_questionnaire_that_falls_due_is_reminded_once_by_the_persons_preferred_way()
    {
        var personId = fixture.OwnRecord;
        await App.WithDbAsync(async db =>
        {
            await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.PreferredContactMethod, ContactMethod.Email).SetProperty(x => x.Email, "reminded@example.com"));
            db.MeasureRequests.Add(new MeasureRequest
            {
                Id = Guid.NewGuid(), PersonId = personId, InstrumentCode = "gad7", RequestedByUserId = await App.UserIdAsync(fixture.Users[UserRole.Clinician]),
                RequestedAt = DateTime.UtcNow, DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), Status = RequestStatus.Due,
            });
            db.MeasureRequests.Add(new MeasureRequest
            {
                Id = Guid.NewGuid(), PersonId = personId, InstrumentCode = "phq9", RequestedByUserId = await App.UserIdAsync(fixture.Users[UserRole.Clinician]),
                RequestedAt = DateTime.UtcNow, DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), Status = RequestStatus.Due,
            });
            return await db.SaveChangesAsync();
        });

        await RunJobAsync();
        await RunJobAsync(); // running again queues nothing more

        var messages = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.PersonId == personId).ToListAsync());
        var reminder = Assert.Single(messages); // the one due in 30 days is not reminded yet
        Assert.Equal(ContactMethod.Email, reminder.Channel);
        Assert.Equal("reminded@example.com", reminder.To);
        Assert.Contains("Generalised Anxiety Disorder assessment (GAD-7)", reminder.Subject);

        var person = await PageClient.SignedInAsync(App, fixture.Users[UserRole.Person]);
        var page = await person.GetAsync("/me/messages");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("questionnaire is due", page.Text);
    }

    [Fact]
    public async Task Only_one_instance_holds_a_jobs_lease_until_it_expires()
    {
        using var scope = App.Services.CreateScope();
        var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
        var job = "test-job-" + Guid.NewGuid().ToString("N");
        Assert.True(await leases.TryTakeAsync(job, TimeSpan.FromMinutes(5), "instance-a"));
        using var other = App.Services.CreateScope();
        var otherLeases = other.ServiceProvider.GetRequiredService<JobLeases>();
        Assert.False(await otherLeases.TryTakeAsync(job, TimeSpan.FromMinutes(5), "instance-b"));
        Assert.True(await leases.TryTakeAsync(job, TimeSpan.FromMinutes(5), "instance-a")); // the holder renews
        await App.WithDbAsync(db => db.JobLeases.Where(l => l.Name == job).ExecuteUpdateAsync(l => l.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        using var third = App.Services.CreateScope();
        Assert.True(await third.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(job, TimeSpan.FromMinutes(5), "instance-b"));
    }
}

public sealed class RemindersOnSqliteTests(SqliteAccessFixture fixture) : RemindersTests(fixture), IClassFixture<SqliteAccessFixture>;

public sealed class RemindersOnPostgresTests(PostgresAccessFixture fixture) : RemindersTests(fixture), IClassFixture<PostgresAccessFixture>;
