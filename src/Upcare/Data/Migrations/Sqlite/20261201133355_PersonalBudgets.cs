using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonalBudgets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Right = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StoppedReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NotionalPence = table.Column<long>(type: "INTEGER", nullable: false),
                    ThirdPartyPence = table.Column<long>(type: "INTEGER", nullable: false),
                    DirectPaymentPence = table.Column<long>(type: "INTEGER", nullable: false),
                    ThirdPartyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AccountName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SortCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    PlanApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PlanApprovedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PlanAgreedByPersonAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NeedsChangedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                name: "BudgetPlanItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StreamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FromWhom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HowOften = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UnitCostPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlanMeetsNeeds = table.Column<bool>(type: "INTEGER", nullable: false),
                    MoneyUsedWell = table.Column<bool>(type: "INTEGER", nullable: false),
                    AmountEnough = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Funder = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FunderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AllocationPence = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StreamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Debit = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Credit = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CorrectsEntryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StreamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    EveryWeeks = table.Column<int>(type: "INTEGER", nullable: false),
                    NextOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Stopped = table.Column<bool>(type: "INTEGER", nullable: false)
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
                name: "BudgetReceipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BudgetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                name: "IX_PersonalBudgets_PersonId",
                table: "PersonalBudgets",
                column: "PersonId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BudgetPlanItems");

            migrationBuilder.DropTable(
                name: "BudgetReceipts");

            migrationBuilder.DropTable(
                name: "BudgetReviews");

            migrationBuilder.DropTable(
                name: "FundingStreams");

            migrationBuilder.DropTable(
                name: "PaymentSchedules");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "PersonalBudgets");
        }
    }
}
