using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CarePlansAndSharedDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CarePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AboutMe = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    MyHealth = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SupportNetwork = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    IfThingsGetWorse = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WhoToCall = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CommunicationPreferences = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PeopleInvolved = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AgreedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    AgreedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AgreedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    LastReviewedVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    LastReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                name: "DecisionAids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WrittenForDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CarePlanActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Who = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WhoName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByWhen = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Done = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    InMyWords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HowIWillKnow = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByWhen = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Progress = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GoalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ByThePerson = table.Column<bool>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DealtWithAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DealtWithBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VersionReviewed = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NextReviewOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SavedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SavedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: false),
                    AgreedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AgreedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AidId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WhatItInvolves = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Benefits = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Risks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EvidenceSource = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IsDoingNothing = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AidId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ClinicianUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClinicianName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SureBeforeResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SureBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    WhatMattersMost = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ChosenOptionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChosenOptionName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ComeBackOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SureAfterResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SureAfter = table.Column<int>(type: "INTEGER", nullable: true),
                    CollaborateRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CarePlanVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "IX_DecisionOptions_AidId",
                table: "DecisionOptions",
                column: "AidId");

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
                name: "DecisionOptions");

            migrationBuilder.DropTable(
                name: "SharedDecisions");

            migrationBuilder.DropTable(
                name: "CarePlans");

            migrationBuilder.DropTable(
                name: "DecisionAids");
        }
    }
}
