using Upcare.People;
using Upcare.Shared;

namespace Upcare.Tests.Shared;

public class SnomedCtIdTests
{
    // Test vectors from shared/reference/measures-and-codes.md §8.2.
    [Theory]
    [InlineData("871731000000106")]
    [InlineData("871711000000103")]
    [InlineData("73211009")]
    [InlineData("22298006")]
    public void Published_identifiers_pass_the_Verhoeff_check(string id)
    {
        Assert.True(SnomedCtId.HasValidCheckDigit(id));
        Assert.Null(SnomedCtId.ProblemWithConceptId(id));
    }

    [Fact]
    public void A_wrong_check_digit_is_refused()
    {
        Assert.False(SnomedCtId.HasValidCheckDigit("871731000000105"));
        Assert.Equal("SNOMED CT concept ID is not valid: check the digits", SnomedCtId.ProblemWithConceptId("871731000000105"));
    }

    [Theory]
    [InlineData("87173100000010", 6)]
    [InlineData("7321100", 9)]
    public void The_check_digit_generated_for_a_payload_is_the_published_one(string payload, int expected) =>
        Assert.Equal(expected, SnomedCtId.CheckDigitFor(payload));

    [Theory]
    [InlineData("", "Enter a SNOMED CT concept ID")]
    [InlineData("12a456", "SNOMED CT concept ID must contain only numbers")]
    [InlineData("12345", "SNOMED CT concept ID must be 6 to 18 digits and not start with 0")]
    [InlineData("0732110090", "SNOMED CT concept ID must be 6 to 18 digits and not start with 0")]
    public void Malformed_identifiers_get_a_specific_message(string id, string message) =>
        Assert.Equal(message, SnomedCtId.ProblemWithConceptId(id));

    [Fact]
    public void A_description_id_is_not_accepted_as_a_concept()
    {
        // Partition 01 (description); check digit made valid so only the partition is wrong.
        var payload = "12345601";
        var id = payload + SnomedCtId.CheckDigitFor(payload);
        Assert.True(SnomedCtId.HasValidCheckDigit(id));
        Assert.Contains("not a concept ID", SnomedCtId.ProblemWithConceptId(id));
    }

    [Fact]
    public void Every_condition_in_the_catalogue_has_a_valid_concept_id() =>
        Assert.All(ConditionCatalogue.All, c => Assert.Null(SnomedCtId.ProblemWithConceptId(c.SnomedCode)));
}
