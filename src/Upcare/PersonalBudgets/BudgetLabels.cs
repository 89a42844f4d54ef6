namespace Upcare.PersonalBudgets;

/// <summary>How budgets are described to people, in plain English.</summary>
public static class BudgetLabels
{
    public static string Describe(BudgetRight right) => right switch
    {
        BudgetRight.ContinuingHealthcare => "Legal right: NHS Continuing Healthcare",
        BudgetRight.ChildrensContinuingCare => "Legal right: children and young people's continuing care",
        BudgetRight.Section117AfterCare => "Legal right: after-care under section 117 of the Mental Health Act",
        BudgetRight.Wheelchair => "Legal right: personal wheelchair budget",
        _ => "Offered locally",
    };

    public static string Describe(Funder funder) => funder switch
    {
        Funder.Nhs => "NHS",
        Funder.SocialCare => "Local authority social care",
        Funder.Education => "Education",
        _ => "Other",
    };

    public static string Describe(HeldAs way) => way switch
    {
        HeldAs.Notional => "Notional: the NHS holds the money and arranges what is in the plan",
        HeldAs.ThirdParty => "Third party: an organisation or person holds and spends it for you",
        _ => "Direct payment: paid into your own dedicated account",
    };

    public static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Allocation => "Money put in",
        EntryKind.Payment => "Payment",
        EntryKind.Spend => "Spent",
        EntryKind.Reclaim => "Taken back",
        _ => "Correction",
    };
}
