namespace Upcare.People;

/// <summary>Plain-English labels for the choices on a person's record.</summary>
public static class PersonLabels
{
    public static string ContactLabel(ContactMethod m) => m switch
    {
        ContactMethod.Phone => "Phone call",
        ContactMethod.TextMessage => "Text message",
        ContactMethod.Email => "Email",
        _ => "Letter",
    };

    public static string NeedLabel(CommunicationNeedCategory c) => c switch
    {
        CommunicationNeedCategory.ContactMethod => "contact method",
        CommunicationNeedCategory.InformationFormat => "information format",
        CommunicationNeedCategory.CommunicationSupport => "communication support",
        _ => "communication professional",
    };

    public static string SocialNeedLabel(SocialNeedKind k) => k switch
    {
        SocialNeedKind.Debt => "Debt or money worries",
        SocialNeedKind.Housing => "Housing",
        SocialNeedKind.Loneliness => "Loneliness or social isolation",
        SocialNeedKind.CarerStrain => "Strain from caring for someone",
        SocialNeedKind.Employment => "Work or employment",
        SocialNeedKind.FoodInsecurity => "Not enough food",
        _ => k.ToString(),
    };
}
