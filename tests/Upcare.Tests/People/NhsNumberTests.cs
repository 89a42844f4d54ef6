using Upcare.People;

namespace Upcare.Tests.People;

public class NhsNumberTests
{
    // Test vectors from shared/reference/measures-and-codes.md §9.
    [Theory]
    [InlineData("9434765919")]
    [InlineData("9990000018")]
    [InlineData("9990000026")]
    [InlineData("9990000034")]
    [InlineData("9990000042")]
    [InlineData("9990000050")]
    public void Published_valid_numbers_pass_the_modulus_11_check(string number) =>
        Assert.True(NhsNumber.TryParse(number, out _));

    [Theory]
    [InlineData("9434765918")] // wrong check digit
    [InlineData("9876544321")] // the format example, which fails its checksum
    [InlineData("943476591")] // nine digits
    [InlineData("94347659190")] // eleven digits
    [InlineData("943476591A")]
    [InlineData("")]
    public void Invalid_numbers_are_refused(string number) =>
        Assert.False(NhsNumber.TryParse(number, out _));

    [Fact]
    public void A_number_whose_check_comes_to_ten_has_no_valid_form()
    {
        // 999000006x: weights give 11 - (sum mod 11) = 10 for this payload, so no check digit makes it valid.
        var payload = Enumerable.Range(0, 1000).Select(i => $"999000{i:000}").First(p => NhsNumber.CheckDigitFor(p) is null);
        Assert.All(Enumerable.Range(0, 10), d => Assert.False(NhsNumber.TryParse(payload + d, out _)));
    }

    [Fact]
    public void Spaces_and_hyphens_are_allowed_and_the_number_is_shown_3_3_4()
    {
        Assert.True(NhsNumber.TryParse(" 943 476-5919 ", out var n));
        Assert.Equal("9434765919", n.Value);
        Assert.Equal("943 476 5919", n.Formatted);
    }

    [Fact]
    public void Check_digit_eleven_becomes_zero()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => $"999000{i:000}").First(p => NhsNumber.CheckDigitFor(p) == 0);
        Assert.True(NhsNumber.TryParse(payload + "0", out _));
    }
}
