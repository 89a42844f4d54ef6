using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceResponsesAndUse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommunityReferrals_ServiceId",
                table: "CommunityReferrals");

            migrationBuilder.CreateTable(
                name: "ServiceUseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceUseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceUseEvents_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_ServiceId_SentAt",
                table: "CommunityReferrals",
                columns: new[] { "ServiceId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceUseEvents_PersonId_On",
                table: "ServiceUseEvents",
                columns: new[] { "PersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceUseEvents_Source_RecordId",
                table: "ServiceUseEvents",
                columns: new[] { "Source", "RecordId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceUseEvents");

            migrationBuilder.DropIndex(
                name: "IX_CommunityReferrals_ServiceId_SentAt",
                table: "CommunityReferrals");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_ServiceId",
                table: "CommunityReferrals",
                column: "ServiceId");
        }
    }
}
