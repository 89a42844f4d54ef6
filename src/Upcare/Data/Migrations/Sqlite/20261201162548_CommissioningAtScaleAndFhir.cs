using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommissioningAtScaleAndFhir : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_GpPracticeId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_LongTermConditions_PersonId",
                table: "LongTermConditions");

            migrationBuilder.CreateTable(
                name: "BulkExports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Request = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    BaseUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Types = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Written = table.Column<long>(type: "INTEGER", nullable: false),
                    Files = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CalculatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CalculatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PayablePence = table.Column<long>(type: "INTEGER", nullable: false),
                    Cohort = table.Column<int>(type: "INTEGER", nullable: false),
                    Calculation = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentStatements_OutcomeContracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "OutcomeContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UsedAssertions",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Jti = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsedAssertions", x => new { x.ClientId, x.Jti });
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_GpPracticeId_Sex_DateOfBirth",
                table: "People",
                columns: new[] { "GpPracticeId", "Sex", "DateOfBirth" });

            migrationBuilder.CreateIndex(
                name: "IX_LongTermConditions_PersonId_SnomedCode",
                table: "LongTermConditions",
                columns: new[] { "PersonId", "SnomedCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivityRecords_Kind_On_PersonId_Count",
                table: "ActivityRecords",
                columns: new[] { "Kind", "On", "PersonId", "Count" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExports_Status_RequestedAt",
                table: "BulkExports",
                columns: new[] { "Status", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentStatements_ContractId_CalculatedAt",
                table: "PaymentStatements",
                columns: new[] { "ContractId", "CalculatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UsedAssertions_ExpiresAt",
                table: "UsedAssertions",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkExports");

            migrationBuilder.DropTable(
                name: "PaymentStatements");

            migrationBuilder.DropTable(
                name: "UsedAssertions");

            migrationBuilder.DropIndex(
                name: "IX_People_GpPracticeId_Sex_DateOfBirth",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_LongTermConditions_PersonId_SnomedCode",
                table: "LongTermConditions");

            migrationBuilder.DropIndex(
                name: "IX_ActivityRecords_Kind_On_PersonId_Count",
                table: "ActivityRecords");

            migrationBuilder.CreateIndex(
                name: "IX_People_GpPracticeId",
                table: "People",
                column: "GpPracticeId");

            migrationBuilder.CreateIndex(
                name: "IX_LongTermConditions_PersonId",
                table: "LongTermConditions",
                column: "PersonId");
        }
    }
}
