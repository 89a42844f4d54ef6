using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceResponseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommunityReferrals_ServiceId",
                table: "CommunityReferrals");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityReferrals_ServiceId_SentAt",
                table: "CommunityReferrals",
                columns: new[] { "ServiceId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
