namespace Upcare.People;

/// <summary>A person the service cares for: who they are, where they live, what they live with and what matters to them.</summary>
public class Person
{
    public Guid Id { get; set; }

    /// <summary>Ten digits, no spaces, unique.</summary>
    public required string NhsNumber { get; set; }

    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }

    /// <summary>Upper-case copies of the names for indexed, case-insensitive search on both databases.</summary>
    public string GivenNameKey { get; set; } = "";
    public string FamilyNameKey { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }
    public Sex Sex { get; set; }

    /// <summary>How the person describes their gender, in their words, when they choose to say.</summary>
    public string? GenderIdentity { get; set; }

    public EthnicCategory EthnicCategory { get; set; } = EthnicCategory.NotKnown;

    public string AddressLine1 { get; set; } = "";
    public string? AddressLine2 { get; set; }
    public string Town { get; set; } = "";
    public required string Postcode { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    public Guid? GpPracticeId { get; set; }

    public ContactMethod PreferredContactMethod { get; set; } = ContactMethod.Letter;
    public string? Phone { get; set; }
    public string? Email { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Bumped on every change, so a second editor cannot silently overwrite the first.</summary>
    public int Version { get; set; }

    public List<LongTermCondition> LongTermConditions { get; set; } = [];
    public List<CommunicationNeed> CommunicationNeeds { get; set; } = [];
    public List<PersonContact> Contacts { get; set; } = [];
    public List<WhatMattersStatement> WhatMatters { get; set; } = [];
    public List<SocialNeed> SocialNeeds { get; set; } = [];

    public string FullName => $"{GivenName} {FamilyName}";

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - DateOfBirth.Year;
        return DateOfBirth.AddYears(age) > day ? age - 1 : age;
    }

    public void SetNameKeys()
    {
        GivenNameKey = GivenName.Trim().ToUpperInvariant();
        FamilyNameKey = FamilyName.Trim().ToUpperInvariant();
    }
}

/// <summary>Sex as recorded on the NHS record (NHS Data Dictionary: male, female, indeterminate, not known).</summary>
public enum Sex
{
    Female,
    Male,
    Indeterminate,
    NotKnown,
}

/// <summary>How the person prefers to be contacted.</summary>
public enum ContactMethod
{
    Letter,
    Phone,
    TextMessage,
    Email,
}

/// <summary>A long-term condition, coded in SNOMED CT.</summary>
public class LongTermCondition
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string SnomedCode { get; set; }
    public required string Term { get; set; }
    public DateOnly? DiagnosedOn { get; set; }
}

/// <summary>The Accessible Information Standard's kinds of need.</summary>
public enum CommunicationNeedCategory
{
    ContactMethod,
    InformationFormat,
    CommunicationSupport,
    CommunicationProfessional,
}

/// <summary>A communication need under the Accessible Information Standard ("needs a BSL interpreter", "large print").</summary>
public class CommunicationNeed
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public CommunicationNeedCategory Category { get; set; }
    public required string Description { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>A carer or next of kin: someone the person names, who may or may not have their own record.</summary>
public class PersonContact
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    public required string Relationship { get; set; }
    public string? Phone { get; set; }
    public bool IsCarer { get; set; }
    public bool IsNextOfKin { get; set; }

    /// <summary>The carer's own record, when they are known to the service.</summary>
    public Guid? RelatedPersonId { get; set; }
}

/// <summary>Who said a "What matters to me" statement.</summary>
public enum StatementSource
{
    Person,
    Carer,
}

/// <summary>A dated "What matters to me" statement, kept in the person's own words.</summary>
public class WhatMattersStatement
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Text { get; set; }
    public StatementSource Source { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>Non-medical needs that social prescribing addresses.</summary>
public enum SocialNeedKind
{
    Debt,
    Housing,
    Loneliness,
    CarerStrain,
    Employment,
    FoodInsecurity,
}

/// <summary>A social need seen for the person.</summary>
public class SocialNeed
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public SocialNeedKind Kind { get; set; }
    public DateTime RecordedAt { get; set; }
}
