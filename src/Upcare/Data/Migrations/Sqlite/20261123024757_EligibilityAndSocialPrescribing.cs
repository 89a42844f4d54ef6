using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EligibilityAndSocialPrescribing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceAtLocations_ServiceId",
                table: "ServiceAtLocations");

            migrationBuilder.DropIndex(
                name: "IX_OpeningTimes_Day_ServiceId",
                table: "OpeningTimes");

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SocialPrescribingReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PcnId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReferredByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    ConsentToContact = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    LinkWorkerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LinkWorkerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TakenOnAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstContactAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstContactDue = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WhatMatters = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    BaselineResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FollowUpResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DischargedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DischargeReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DischargeCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    DischargeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialPrescribingReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialPrescribingReferrals_Organisations_PcnId",
                        column: x => x.PcnId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialPrescribingReferrals_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommunityReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SocialPrescribingReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConsentToShare = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SharedPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SharedEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    SharedNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    StatusAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RespondBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NudgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SendKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityReferrals_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommunityReferrals_SocialPrescribingReferrals_SocialPrescribingReferralId",
                        column: x => x.SocialPrescribingReferralId,
                        principalTable: "SocialPrescribingReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GpSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PracticeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReferrerUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GpSummaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GpSummaries_SocialPrescribingReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "SocialPrescribingReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LinkWorkerContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkWorkerContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkWorkerContacts_SocialPrescribingReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "SocialPrescribingReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReferralNeeds",
                columns: table => new
                {
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralNeeds", x => new { x.ReferralId, x.Code });
                    table.ForeignKey(
                        name: "FK_ReferralNeeds_SocialPrescribingReferrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "SocialPrescribingReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReferralEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CommunityReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Party = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralEvents_CommunityReferrals_CommunityReferralId",
                        column: x => x.CommunityReferralId,
                        principalTable: "CommunityReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "TaxonomyTerms",
                columns: new[] { "Id", "Code", "Description", "Name", "ParentId", "Taxonomy" },
                values: new object[,]
                {
                    { new Guid("0ae5acd9-36a2-68c1-70f0-1f11c7e54542"), "cancer", null, "Cancer", null, "upcare-eligibility-conditions" },
                    { new Guid("22a1ff2e-3db1-bb84-4a1b-53ac223ee760"), "learning-disability", null, "A learning disability", null, "upcare-eligibility-conditions" },
                    { new Guid("34519176-7bbf-ffc9-87f1-9f40ba278d0c"), "long-covid", null, "Long COVID", null, "upcare-eligibility-conditions" },
                    { new Guid("68eecaca-32ce-9ed5-8f67-030f06cfcc18"), "non-binary", null, "Non-binary people", null, "upcare-eligibility-gender" },
                    { new Guid("7370abc7-2336-899f-7c18-8845ee3e350a"), "chronic-pain", null, "Long-term pain", null, "upcare-eligibility-conditions" },
                    { new Guid("8f08275e-0abb-822a-d4c3-85cbc11a0b53"), "mental-health", null, "A mental health condition", null, "upcare-eligibility-conditions" },
                    { new Guid("a6850ef0-b9d7-07f0-eb5f-67fa1278ec8c"), "copd", null, "COPD (chronic obstructive pulmonary disease)", null, "upcare-eligibility-conditions" },
                    { new Guid("a7d43f6d-e8c0-da4d-1973-e6bbeab3b9b1"), "asthma", null, "Asthma", null, "upcare-eligibility-conditions" },
                    { new Guid("a8acaabb-fb62-08ce-2ebe-99c254158642"), "stroke", null, "Stroke", null, "upcare-eligibility-conditions" },
                    { new Guid("ad4d310a-c361-4e13-812e-fc3d19473c5a"), "women", null, "Women", null, "upcare-eligibility-gender" },
                    { new Guid("b32ea3e9-e546-0653-eac1-0f328116e705"), "sight-or-hearing-loss", null, "Sight or hearing loss", null, "upcare-eligibility-conditions" },
                    { new Guid("c065618f-136b-f1b3-2cea-50099e4e036c"), "dementia", null, "Dementia", null, "upcare-eligibility-conditions" },
                    { new Guid("da89a9fc-af07-2228-8242-c8636838cc44"), "diabetes", null, "Diabetes (type 1 or type 2)", null, "upcare-eligibility-conditions" },
                    { new Guid("e214344d-27e9-ec5a-e025-7730c93f3c11"), "men", null, "Men", null, "upcare-eligibility-gender" },
                    { new Guid("ec225bfa-e58e-8aa3-bda8-f56e7128c118"), "heart-disease", null, "Heart disease or heart failure", null, "upcare-eligibility-conditions" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAtLocations_ServiceId_LocationId",
                table: "ServiceAtLocations",
                columns: new[] { "ServiceId", "LocationId" });

            migrationBuilder.CreateIndex(
                name: "IX_OpeningTimes_Day_Opens_Closes_ServiceId",
                table: "OpeningTimes",
                columns: new[] { "Day", "Opens", "Closes", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_OrganisationId_Status",
                table: "CommunityReferrals",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_PersonId_ServiceId",
                table: "CommunityReferrals",
                columns: new[] { "PersonId", "ServiceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_SendKey",
                table: "CommunityReferrals",
                column: "SendKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_ServiceId",
                table: "CommunityReferrals",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_SocialPrescribingReferralId",
                table: "CommunityReferrals",
                column: "SocialPrescribingReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_Status_RespondBy",
                table: "CommunityReferrals",
                columns: new[] { "Status", "RespondBy" });

            migrationBuilder.CreateIndex(
                name: "IX_GpSummaries_PersonId_CreatedAt",
                table: "GpSummaries",
                columns: new[] { "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GpSummaries_ReferralId",
                table: "GpSummaries",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkWorkerContacts_ReferralId",
                table: "LinkWorkerContacts",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_CreatedAt",
                table: "Notifications",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralEvents_CommunityReferralId_At",
                table: "ReferralEvents",
                columns: new[] { "CommunityReferralId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialPrescribingReferrals_LinkWorkerUserId_Status",
                table: "SocialPrescribingReferrals",
                columns: new[] { "LinkWorkerUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialPrescribingReferrals_PcnId_Status",
                table: "SocialPrescribingReferrals",
                columns: new[] { "PcnId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SocialPrescribingReferrals_PersonId_Status",
                table: "SocialPrescribingReferrals",
                columns: new[] { "PersonId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GpSummaries");

            migrationBuilder.DropTable(
                name: "LinkWorkerContacts");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "ReferralEvents");

            migrationBuilder.DropTable(
                name: "ReferralNeeds");

            migrationBuilder.DropTable(
                name: "CommunityReferrals");

            migrationBuilder.DropTable(
                name: "SocialPrescribingReferrals");

            migrationBuilder.DropIndex(
                name: "IX_ServiceAtLocations_ServiceId_LocationId",
                table: "ServiceAtLocations");

            migrationBuilder.DropIndex(
                name: "IX_OpeningTimes_Day_Opens_Closes_ServiceId",
                table: "OpeningTimes");

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("0ae5acd9-36a2-68c1-70f0-1f11c7e54542"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("22a1ff2e-3db1-bb84-4a1b-53ac223ee760"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("34519176-7bbf-ffc9-87f1-9f40ba278d0c"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("68eecaca-32ce-9ed5-8f67-030f06cfcc18"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("7370abc7-2336-899f-7c18-8845ee3e350a"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("8f08275e-0abb-822a-d4c3-85cbc11a0b53"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a6850ef0-b9d7-07f0-eb5f-67fa1278ec8c"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a7d43f6d-e8c0-da4d-1973-e6bbeab3b9b1"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a8acaabb-fb62-08ce-2ebe-99c254158642"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("ad4d310a-c361-4e13-812e-fc3d19473c5a"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("b32ea3e9-e546-0653-eac1-0f328116e705"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("c065618f-136b-f1b3-2cea-50099e4e036c"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("da89a9fc-af07-2228-8242-c8636838cc44"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("e214344d-27e9-ec5a-e025-7730c93f3c11"));

            migrationBuilder.DeleteData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("ec225bfa-e58e-8aa3-bda8-f56e7128c118"));

            migrationBuilder.CreateIndex(
                name: "IX_ServiceAtLocations_ServiceId",
                table: "ServiceAtLocations",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_OpeningTimes_Day_ServiceId",
                table: "OpeningTimes",
                columns: new[] { "Day", "ServiceId" });
        }
    }
}
