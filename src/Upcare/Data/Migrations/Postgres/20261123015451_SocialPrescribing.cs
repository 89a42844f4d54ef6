using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SocialPrescribing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PcnId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReferredByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReferrerOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    ConsentToContact = table.Column<bool>(type: "boolean", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    LinkWorkerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    LinkWorkerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TakenOnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstContactAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstContactDue = table.Column<DateOnly>(type: "date", nullable: false),
                    WhatMatters = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BaselineResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    FollowUpResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DischargedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DischargeReason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DischargeCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    DischargeNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SocialPrescribingReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SentByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SentByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConsentToShare = table.Column<bool>(type: "boolean", nullable: false),
                    SharedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SharedPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SharedEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    SharedNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    StatusAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RespondBy = table.Column<DateOnly>(type: "date", nullable: false),
                    NudgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SendKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                        name: "FK_CommunityReferrals_SocialPrescribingReferrals_SocialPrescri~",
                        column: x => x.SocialPrescribingReferralId,
                        principalTable: "SocialPrescribingReferrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GpSummaries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PracticeId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferrerUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    ReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CommunityReferralId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Party = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
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
        }
    }
}
