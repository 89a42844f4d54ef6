using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissioningAtScale : Migration
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
                name: "PaymentStatements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    CalculatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CalculatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayablePence = table.Column<long>(type: "bigint", nullable: false),
                    Cohort = table.Column<int>(type: "integer", nullable: false),
                    Calculation = table.Column<string>(type: "text", nullable: false)
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
                name: "IX_PaymentStatements_ContractId_CalculatedAt",
                table: "PaymentStatements",
                columns: new[] { "ContractId", "CalculatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentStatements");

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
