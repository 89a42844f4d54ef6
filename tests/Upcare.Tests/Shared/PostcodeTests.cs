using Upcare.Shared;

namespace Upcare.Tests.Shared;

public class PostcodeTests
{
    [Theory]
    [InlineData("NE4 5AB")] // AA9 9AA
    [InlineData("ne15 8ry")] // AA99 9AA, lower case
    [InlineData("M1 1AE")] // A9 9AA
    [InlineData("B33 8TH")] // A99 9AA
    [InlineData("W1A 0AX")] // A9A 9AA
    [InlineData("EC1A 1BB")] // AA9A 9AA
    [InlineData("GIR 0AA")]
    [InlineData("NE45AB")] // no space
    public void Valid_postcodes_pass(string postcode) => Assert.True(Postcode.IsValid(postcode));

    [Theory]
    [InlineData("QE4 5AB")] // Q never first
    [InlineData("NI4 5AB")] // I never second
    [InlineData("NE4 5CB")] // C never in the inward code
    [InlineData("W1I 0AX")] // I not allowed in A9A
    [InlineData("EC1C 1BB")] // C not allowed in AA9A
    [InlineData("NE4 AB")]
    [InlineData("12345")]
    [InlineData("")]
    public void Invalid_postcodes_fail(string postcode) => Assert.False(Postcode.IsValid(postcode));

    [Fact]
    public void Postcodes_are_normalised_to_upper_case_with_one_space() =>
        Assert.Equal("NE15 8RY", Postcode.Normalise("  ne158ry "));
}
