namespace Upcare.People;

/// <summary>NHS Data Dictionary ETHNIC CATEGORY (2001 census classification); the letter is the national code.</summary>
public enum EthnicCategory
{
    WhiteBritish, WhiteIrish, WhiteOther,
    MixedWhiteAndBlackCaribbean, MixedWhiteAndBlackAfrican, MixedWhiteAndAsian, MixedOther,
    AsianIndian, AsianPakistani, AsianBangladeshi, AsianOther,
    BlackCaribbean, BlackAfrican, BlackOther,
    Chinese, OtherEthnicGroup,
    NotStated,
    NotKnown,
}

/// <summary>Codes and labels for ethnic categories.</summary>
public static class EthnicCategories
{
    public static readonly IReadOnlyList<(EthnicCategory Category, string Code, string Label)> All =
    [
        (EthnicCategory.WhiteBritish, "A", "White: British"),
        (EthnicCategory.WhiteIrish, "B", "White: Irish"),
        (EthnicCategory.WhiteOther, "C", "White: any other White background"),
        (EthnicCategory.MixedWhiteAndBlackCaribbean, "D", "Mixed: White and Black Caribbean"),
        (EthnicCategory.MixedWhiteAndBlackAfrican, "E", "Mixed: White and Black African"),
        (EthnicCategory.MixedWhiteAndAsian, "F", "Mixed: White and Asian"),
        (EthnicCategory.MixedOther, "G", "Mixed: any other mixed background"),
        (EthnicCategory.AsianIndian, "H", "Asian or Asian British: Indian"),
        (EthnicCategory.AsianPakistani, "J", "Asian or Asian British: Pakistani"),
        (EthnicCategory.AsianBangladeshi, "K", "Asian or Asian British: Bangladeshi"),
        (EthnicCategory.AsianOther, "L", "Asian or Asian British: any other Asian background"),
        (EthnicCategory.BlackCaribbean, "M", "Black or Black British: Caribbean"),
        (EthnicCategory.BlackAfrican, "N", "Black or Black British: African"),
        (EthnicCategory.BlackOther, "P", "Black or Black British: any other Black background"),
        (EthnicCategory.Chinese, "R", "Other ethnic groups: Chinese"),
        (EthnicCategory.OtherEthnicGroup, "S", "Other ethnic groups: any other ethnic group"),
        (EthnicCategory.NotStated, "Z", "Not stated (the person chose not to say)"),
        (EthnicCategory.NotKnown, "99", "Not known (not asked yet)"),
    ];

    public static string Label(EthnicCategory c) => All.First(e => e.Category == c).Label;
    public static string Code(EthnicCategory c) => All.First(e => e.Category == c).Code;
}
