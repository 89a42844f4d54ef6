using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Upcare.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "TaxonomyTerms",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Services",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Organisations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportSource",
                table: "Locations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("0ae5acd9-36a2-68c1-70f0-1f11c7e54542"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("22a1ff2e-3db1-bb84-4a1b-53ac223ee760"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("34519176-7bbf-ffc9-87f1-9f40ba278d0c"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("68eecaca-32ce-9ed5-8f67-030f06cfcc18"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("7370abc7-2336-899f-7c18-8845ee3e350a"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("8f08275e-0abb-822a-d4c3-85cbc11a0b53"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a6850ef0-b9d7-07f0-eb5f-67fa1278ec8c"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a7d43f6d-e8c0-da4d-1973-e6bbeab3b9b1"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("a8acaabb-fb62-08ce-2ebe-99c254158642"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("ad4d310a-c361-4e13-812e-fc3d19473c5a"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("b32ea3e9-e546-0653-eac1-0f328116e705"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("c065618f-136b-f1b3-2cea-50099e4e036c"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("da89a9fc-af07-2228-8242-c8636838cc44"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("e214344d-27e9-ec5a-e025-7730c93f3c11"),
                column: "ImportSource",
                value: null);

            migrationBuilder.UpdateData(
                table: "TaxonomyTerms",
                keyColumn: "Id",
                keyValue: new Guid("ec225bfa-e58e-8aa3-bda8-f56e7128c118"),
                column: "ImportSource",
                value: null);

            // Services, their organisations and places that earlier file imports made belong to the file source, so
            // importing the same files again still updates them; everything else counts as made in Upcare.
            migrationBuilder.Sql("UPDATE \"Services\" SET \"ImportSource\" = 'file' WHERE \"ImportHash\" IS NOT NULL");
            migrationBuilder.Sql("UPDATE \"Organisations\" SET \"ImportSource\" = 'file' WHERE \"Code\" LIKE 'ORUK-%'");
            migrationBuilder.Sql("UPDATE \"Locations\" SET \"ImportSource\" = 'file' WHERE \"Id\" IN (SELECT sl.\"LocationId\" FROM \"ServiceAtLocations\" sl JOIN \"Services\" s ON s.\"Id\" = sl.\"ServiceId\" WHERE s.\"ImportHash\" IS NOT NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "TaxonomyTerms");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ImportSource",
                table: "Locations");
        }
    }
}
