using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonalisedCare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityRecords_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AboutMe = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MyHealth = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SupportNetwork = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IfThingsGetWorse = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WhoToCall = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CommunicationPreferences = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PeopleInvolved = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "date", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AgreedVersion = table.Column<int>(type: "integer", nullable: true),
                    AgreedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AgreedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    LastReviewedVersion = table.Column<int>(type: "integer", nullable: true),
                    LastReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlans_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChoiceProviders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OdsCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    WaitingWeeks = table.Column<int>(type: "integer", nullable: false),
                    QualityRating = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChoiceProviders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChoiceReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MentalHealth = table.Column<bool>(type: "boolean", nullable: false),
                    FirstConsultantLedOutpatient = table.Column<bool>(type: "boolean", nullable: false),
                    Exclusion = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClinicianUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicianName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OptionsShown = table.Column<string>(type: "text", nullable: false),
                    ChosenProviderId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChosenProviderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChosenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChosenByThePerson = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChoiceReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChoiceReferrals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachingSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoachUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CoachName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PersonGoals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NextSteps = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoachingSessions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CoachSharings",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Goals = table.Column<bool>(type: "boolean", nullable: false),
                    Diary = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachSharings", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_CoachSharings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionAids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    WrittenForDemo = table.Column<bool>(type: "boolean", nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DiaryEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "numeric(8,1)", precision: 8, scale: 1, nullable: true),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiaryEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiaryEntries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImdAreas",
                columns: table => new
                {
                    Postcode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Decile = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImdAreas", x => x.Postcode);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProviderId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    WellbeingTariffPence = table.Column<long>(type: "bigint", nullable: false),
                    WellbeingCap = table.Column<int>(type: "integer", nullable: true),
                    AdmissionTariffPence = table.Column<long>(type: "bigint", nullable: false),
                    AdmissionCap = table.Column<int>(type: "integer", nullable: true),
                    TotalCapPence = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeContracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeerGroups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Topic = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Meets = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OnlineLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Facilitator = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganiserUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerGroups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeerOptIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    OptedInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerOptIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerOptIns_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonalBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Right = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StoppedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NotionalPence = table.Column<long>(type: "bigint", nullable: false),
                    ThirdPartyPence = table.Column<long>(type: "bigint", nullable: false),
                    DirectPaymentPence = table.Column<long>(type: "bigint", nullable: false),
                    ThirdPartyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AccountName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SortCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    AccountNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PlanApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PlanApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PlanAgreedByPersonAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NeedsChangedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalBudgets_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfManagementGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfManagementGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfManagementGoals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceFeedback_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Who = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WhoName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByWhen = table.Column<DateOnly>(type: "date", nullable: true),
                    Done = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlanActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlanActions_CarePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanGoals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    InMyWords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    HowIWillKnow = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByWhen = table.Column<DateOnly>(type: "date", nullable: true),
                    Progress = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlanGoals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlanGoals_CarePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    GoalId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ByThePerson = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DealtWithAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DealtWithBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlanNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlanNotes_CarePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VersionReviewed = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlanReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlanReviews_CarePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SavedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SavedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    AgreedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AgreedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CarePlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CarePlanVersions_CarePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "CarePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionOptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AidId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WhatItInvolves = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Benefits = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Risks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EvidenceSource = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsDoingNothing = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionOptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionOptions_DecisionAids_AidId",
                        column: x => x.AidId,
                        principalTable: "DecisionAids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharedDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AidId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ClinicianUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClinicianName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SureBeforeResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SureBefore = table.Column<int>(type: "integer", nullable: false),
                    WhatMattersMost = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ChosenOptionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChosenOptionName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ComeBackOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SureAfterResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    SureAfter = table.Column<int>(type: "integer", nullable: true),
                    CollaborateRequestId = table.Column<Guid>(type: "uuid", nullable: true),
                    CarePlanVersion = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharedDecisions_DecisionAids_AidId",
                        column: x => x.AidId,
                        principalTable: "DecisionAids",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SharedDecisions_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerAttendances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerAttendances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerAttendances_PeerGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "PeerGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerGroupMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    JoinedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeftAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerGroupMembers_PeerGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "PeerGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerGroupMembers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BudgetPlanItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromWhom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HowOften = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UnitCostPence = table.Column<long>(type: "bigint", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetPlanItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetPlanItems_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BudgetReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PlanMeetsNeeds = table.Column<bool>(type: "boolean", nullable: false),
                    MoneyUsedWell = table.Column<bool>(type: "boolean", nullable: false),
                    AmountEnough = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetReviews_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundingStreams",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Funder = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FunderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AllocationPence = table.Column<long>(type: "bigint", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Rules = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingStreams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingStreams_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreamId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Debit = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Credit = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    CorrectsEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    StreamId = table.Column<Guid>(type: "uuid", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    EveryWeeks = table.Column<int>(type: "integer", nullable: false),
                    NextOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Stopped = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentSchedules_PersonalBudgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "PersonalBudgets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    From = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackResponses_ServiceFeedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "ServiceFeedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BudgetReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    BudgetId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetReceipts_LedgerEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRecords_PersonId_On",
                table: "ActivityRecords",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_BudgetPlanItems_BudgetId",
                table: "BudgetPlanItems",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetReceipts_EntryId",
                table: "BudgetReceipts",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetReviews_BudgetId_On",
                table: "BudgetReviews",
                columns: new[] { "BudgetId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_CarePlanActions_PlanId",
                table: "CarePlanActions",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_CarePlanGoals_PlanId",
                table: "CarePlanGoals",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_CarePlanNotes_PlanId_At",
                table: "CarePlanNotes",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CarePlanReviews_PlanId_At",
                table: "CarePlanReviews",
                columns: new[] { "PlanId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CarePlans_PersonId",
                table: "CarePlans",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CarePlans_ReviewOn",
                table: "CarePlans",
                column: "ReviewOn");

            migrationBuilder.CreateIndex(
                name: "IX_CarePlanVersions_PlanId_Number",
                table: "CarePlanVersions",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChoiceProviders_OdsCode_Service",
                table: "ChoiceProviders",
                columns: new[] { "OdsCode", "Service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ChoiceProviders_Service",
                table: "ChoiceProviders",
                column: "Service");

            migrationBuilder.CreateIndex(
                name: "IX_ChoiceReferrals_PersonId_CreatedAt",
                table: "ChoiceReferrals",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ChoiceReferrals_PracticeId",
                table: "ChoiceReferrals",
                column: "PracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_CoachingSessions_PersonId_Number",
                table: "CoachingSessions",
                columns: new[] { "PersonId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionOptions_AidId",
                table: "DecisionOptions",
                column: "AidId");

            migrationBuilder.CreateIndex(
                name: "IX_DiaryEntries_PersonId_On",
                table: "DiaryEntries",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_FeedbackId",
                table: "FeedbackResponses",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingStreams_BudgetId",
                table: "FundingStreams",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BudgetId_At",
                table: "LedgerEntries",
                columns: new[] { "BudgetId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_IdempotencyKey",
                table: "LedgerEntries",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSchedules_BudgetId",
                table: "PaymentSchedules",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSchedules_Stopped_NextOn",
                table: "PaymentSchedules",
                columns: new[] { "Stopped", "NextOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerAttendances_GroupId_On_PersonId",
                table: "PeerAttendances",
                columns: new[] { "GroupId", "On", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerGroupMembers_GroupId_PersonId",
                table: "PeerGroupMembers",
                columns: new[] { "GroupId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerGroupMembers_PersonId",
                table: "PeerGroupMembers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerGroups_OrganiserUserId",
                table: "PeerGroups",
                column: "OrganiserUserId");

            migrationBuilder.CreateIndex(
                name: "IX_PeerGroups_Topic",
                table: "PeerGroups",
                column: "Topic");

            migrationBuilder.CreateIndex(
                name: "IX_PeerOptIns_PersonId_Topic",
                table: "PeerOptIns",
                columns: new[] { "PersonId", "Topic" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerOptIns_Topic",
                table: "PeerOptIns",
                column: "Topic");

            migrationBuilder.CreateIndex(
                name: "IX_PersonalBudgets_PersonId",
                table: "PersonalBudgets",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfManagementGoals_PersonId",
                table: "SelfManagementGoals",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceFeedback_OrganisationId_At",
                table: "ServiceFeedback",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceFeedback_PersonId",
                table: "ServiceFeedback",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SharedDecisions_AidId",
                table: "SharedDecisions",
                column: "AidId");

            migrationBuilder.CreateIndex(
                name: "IX_SharedDecisions_ClinicianUserId_Status",
                table: "SharedDecisions",
                columns: new[] { "ClinicianUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedDecisions_PersonId_StartedAt",
                table: "SharedDecisions",
                columns: new[] { "PersonId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharedDecisions_PracticeId_Status",
                table: "SharedDecisions",
                columns: new[] { "PracticeId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityRecords");

            migrationBuilder.DropTable(
                name: "BudgetPlanItems");

            migrationBuilder.DropTable(
                name: "BudgetReceipts");

            migrationBuilder.DropTable(
                name: "BudgetReviews");

            migrationBuilder.DropTable(
                name: "CarePlanActions");

            migrationBuilder.DropTable(
                name: "CarePlanGoals");

            migrationBuilder.DropTable(
                name: "CarePlanNotes");

            migrationBuilder.DropTable(
                name: "CarePlanReviews");

            migrationBuilder.DropTable(
                name: "CarePlanVersions");

            migrationBuilder.DropTable(
                name: "ChoiceProviders");

            migrationBuilder.DropTable(
                name: "ChoiceReferrals");

            migrationBuilder.DropTable(
                name: "CoachingSessions");

            migrationBuilder.DropTable(
                name: "CoachSharings");

            migrationBuilder.DropTable(
                name: "DecisionOptions");

            migrationBuilder.DropTable(
                name: "DiaryEntries");

            migrationBuilder.DropTable(
                name: "FeedbackResponses");

            migrationBuilder.DropTable(
                name: "FundingStreams");

            migrationBuilder.DropTable(
                name: "ImdAreas");

            migrationBuilder.DropTable(
                name: "OutcomeContracts");

            migrationBuilder.DropTable(
                name: "PaymentSchedules");

            migrationBuilder.DropTable(
                name: "PeerAttendances");

            migrationBuilder.DropTable(
                name: "PeerGroupMembers");

            migrationBuilder.DropTable(
                name: "PeerOptIns");

            migrationBuilder.DropTable(
                name: "SelfManagementGoals");

            migrationBuilder.DropTable(
                name: "SharedDecisions");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "CarePlans");

            migrationBuilder.DropTable(
                name: "ServiceFeedback");

            migrationBuilder.DropTable(
                name: "PeerGroups");

            migrationBuilder.DropTable(
                name: "DecisionAids");

            migrationBuilder.DropTable(
                name: "PersonalBudgets");
        }
    }
}
