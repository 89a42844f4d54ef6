using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Upcare.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Upcare.Organisations;
using Upcare.Outcomes;
using Upcare.People;

namespace Upcare.Data;

/// <summary>The one database of Upcare. Each provider has a derived context that owns its migrations.</summary>
public abstract class UpcareDbContext(DbContextOptions options) : IdentityUserContext<UpcareUser, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys live in the database so every instance behind a load balancer shares them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<LongTermCondition> LongTermConditions => Set<LongTermCondition>();
    public DbSet<CommunicationNeed> CommunicationNeeds => Set<CommunicationNeed>();
    public DbSet<PersonContact> PersonContacts => Set<PersonContact>();
    public DbSet<WhatMattersStatement> WhatMattersStatements => Set<WhatMattersStatement>();
    public DbSet<SocialNeed> SocialNeeds => Set<SocialNeed>();

    public DbSet<CaseloadAssignment> CaseloadAssignments => Set<CaseloadAssignment>();
    public DbSet<CarerPermission> CarerPermissions => Set<CarerPermission>();
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<MeasureResponse> MeasureResponses => Set<MeasureResponse>();
    public DbSet<MeasureAnswer> MeasureAnswers => Set<MeasureAnswer>();
    public DbSet<MeasureScore> MeasureScores => Set<MeasureScore>();
    public DbSet<MeasureRequest> MeasureRequests => Set<MeasureRequest>();
    public DbSet<MeasureAlert> MeasureAlerts => Set<MeasureAlert>();

    public DbSet<Messaging.OutboxMessage> OutboxMessages => Set<Messaging.OutboxMessage>();
    public DbSet<Hosting.JobLease> JobLeases => Set<Hosting.JobLease>();

    public DbSet<ServiceDirectory.CommunityService> CommunityServices => Set<ServiceDirectory.CommunityService>();
    public DbSet<ServiceDirectory.DirectoryLocation> DirectoryLocations => Set<ServiceDirectory.DirectoryLocation>();
    public DbSet<ServiceDirectory.ServiceAtLocation> ServiceAtLocations => Set<ServiceDirectory.ServiceAtLocation>();
    public DbSet<ServiceDirectory.OpeningTime> OpeningTimes => Set<ServiceDirectory.OpeningTime>();
    public DbSet<ServiceDirectory.CostOption> CostOptions => Set<ServiceDirectory.CostOption>();
    public DbSet<ServiceDirectory.TaxonomyTerm> TaxonomyTerms => Set<ServiceDirectory.TaxonomyTerm>();
    public DbSet<ServiceDirectory.ServiceTaxonomy> ServiceTaxonomies => Set<ServiceDirectory.ServiceTaxonomy>();
    public DbSet<ServiceDirectory.PostcodeLocation> PostcodeLocations => Set<ServiceDirectory.PostcodeLocation>();
    public DbSet<ServiceDirectory.ServiceEdit> ServiceEdits => Set<ServiceDirectory.ServiceEdit>();

    public DbSet<Messaging.Notification> Notifications => Set<Messaging.Notification>();
    public DbSet<SocialPrescribing.SocialPrescribingReferral> SocialPrescribingReferrals => Set<SocialPrescribing.SocialPrescribingReferral>();
    public DbSet<SocialPrescribing.LinkWorkerContact> LinkWorkerContacts => Set<SocialPrescribing.LinkWorkerContact>();
    public DbSet<SocialPrescribing.GpSummary> GpSummaries => Set<SocialPrescribing.GpSummary>();
    public DbSet<SocialPrescribing.CommunityReferral> CommunityReferrals => Set<SocialPrescribing.CommunityReferral>();
    public DbSet<SocialPrescribing.ReferralEvent> ReferralEvents => Set<SocialPrescribing.ReferralEvent>();

    public DbSet<CarePlans.CarePlan> CarePlans => Set<CarePlans.CarePlan>();
    public DbSet<CarePlans.CarePlanGoal> CarePlanGoals => Set<CarePlans.CarePlanGoal>();
    public DbSet<CarePlans.CarePlanAction> CarePlanActions => Set<CarePlans.CarePlanAction>();
    public DbSet<CarePlans.CarePlanVersion> CarePlanVersions => Set<CarePlans.CarePlanVersion>();
    public DbSet<CarePlans.CarePlanNote> CarePlanNotes => Set<CarePlans.CarePlanNote>();
    public DbSet<CarePlans.CarePlanReview> CarePlanReviews => Set<CarePlans.CarePlanReview>();

    public DbSet<SharedDecisions.DecisionAid> DecisionAids => Set<SharedDecisions.DecisionAid>();
    public DbSet<SharedDecisions.DecisionOption> DecisionOptions => Set<SharedDecisions.DecisionOption>();
    public DbSet<SharedDecisions.SharedDecision> SharedDecisions => Set<SharedDecisions.SharedDecision>();

    public DbSet<PersonalBudgets.PersonalBudget> PersonalBudgets => Set<PersonalBudgets.PersonalBudget>();
    public DbSet<PersonalBudgets.FundingStream> FundingStreams => Set<PersonalBudgets.FundingStream>();
    public DbSet<PersonalBudgets.BudgetPlanItem> BudgetPlanItems => Set<PersonalBudgets.BudgetPlanItem>();
    public DbSet<PersonalBudgets.LedgerEntry> LedgerEntries => Set<PersonalBudgets.LedgerEntry>();
    public DbSet<PersonalBudgets.BudgetReceipt> BudgetReceipts => Set<PersonalBudgets.BudgetReceipt>();
    public DbSet<PersonalBudgets.PaymentSchedule> PaymentSchedules => Set<PersonalBudgets.PaymentSchedule>();
    public DbSet<PersonalBudgets.BudgetReview> BudgetReviews => Set<PersonalBudgets.BudgetReview>();

    public DbSet<Choice.ChoiceProvider> ChoiceProviders => Set<Choice.ChoiceProvider>();
    public DbSet<Choice.ChoiceReferral> ChoiceReferrals => Set<Choice.ChoiceReferral>();
    public DbSet<Coaching.CoachingSession> CoachingSessions => Set<Coaching.CoachingSession>();
    public DbSet<Coaching.SelfManagementGoal> SelfManagementGoals => Set<Coaching.SelfManagementGoal>();
    public DbSet<Coaching.DiaryEntry> DiaryEntries => Set<Coaching.DiaryEntry>();
    public DbSet<Coaching.CoachSharing> CoachSharings => Set<Coaching.CoachSharing>();
    public DbSet<PeerSupport.PeerGroup> PeerGroups => Set<PeerSupport.PeerGroup>();
    public DbSet<PeerSupport.PeerGroupMember> PeerGroupMembers => Set<PeerSupport.PeerGroupMember>();
    public DbSet<PeerSupport.PeerAttendance> PeerAttendances => Set<PeerSupport.PeerAttendance>();
    public DbSet<ServiceUse.ServiceUseEvent> ServiceUseEvents => Set<ServiceUse.ServiceUseEvent>();
    public DbSet<PeerSupport.PeerOptIn> PeerOptIns => Set<PeerSupport.PeerOptIn>();
    public DbSet<SupportNetworks.SupportNetworkEntry> SupportNetworkEntries => Set<SupportNetworks.SupportNetworkEntry>();
    public DbSet<SupportNetworks.SupportNetworkSnapshot> SupportNetworkSnapshots => Set<SupportNetworks.SupportNetworkSnapshot>();
    public DbSet<SupportNetworks.SupportNetworkShare> SupportNetworkShares => Set<SupportNetworks.SupportNetworkShare>();

    public DbSet<Commissioning.ImdArea> ImdAreas => Set<Commissioning.ImdArea>();
    public DbSet<Commissioning.ServiceFeedback> ServiceFeedback => Set<Commissioning.ServiceFeedback>();
    public DbSet<Commissioning.FeedbackResponse> FeedbackResponses => Set<Commissioning.FeedbackResponse>();
    public DbSet<Commissioning.ActivityRecord> ActivityRecords => Set<Commissioning.ActivityRecord>();
    public DbSet<Commissioning.OutcomeContract> OutcomeContracts => Set<Commissioning.OutcomeContract>();
    public DbSet<Commissioning.PaymentStatement> PaymentStatements => Set<Commissioning.PaymentStatement>();
    public DbSet<Fhir.BulkExport> BulkExports => Set<Fhir.BulkExport>();
    public DbSet<Fhir.UsedAssertion> UsedAssertions => Set<Fhir.UsedAssertion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Identity's tables, without the "AspNet" prefix.
        modelBuilder.Entity<UpcareUser>().ToTable("Users");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("UserClaims");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("UserLogins");
        modelBuilder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("UserTokens");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(UpcareDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Every instant is stored and read back as UTC; SQLite would otherwise hand back "unspecified" times.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The embedded default: SQLite.</summary>
public sealed class SqliteUpcareDbContext(DbContextOptions<SqliteUpcareDbContext> options) : UpcareDbContext(options);

/// <summary>Production: PostgreSQL through Npgsql.</summary>
public sealed class PostgresUpcareDbContext(DbContextOptions<PostgresUpcareDbContext> options) : UpcareDbContext(options);
