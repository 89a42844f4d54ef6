using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Upcare.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DirectoryEligibility : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
