using System.Net.Mail;
using Upcare.Shared;

namespace Upcare.People;

/// <summary>What someone enters to create or change a person's details, before it is checked.</summary>
public sealed class PersonDetails
{
    public string? NhsNumber { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateParts DateOfBirth { get; set; } = new();
    public Sex? Sex { get; set; }
    public string? GenderIdentity { get; set; }
    public EthnicCategory? EthnicCategory { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public Guid? GpPracticeId { get; set; }
    public ContactMethod? PreferredContactMethod { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }

    public static PersonDetails From(Person p) => new()
    {
        NhsNumber = People.NhsNumber.Parse(p.NhsNumber).Formatted,
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        DateOfBirth = DateParts.From(p.DateOfBirth),
        Sex = p.Sex,
        GenderIdentity = p.GenderIdentity,
        EthnicCategory = p.EthnicCategory,
        AddressLine1 = p.AddressLine1,
        AddressLine2 = p.AddressLine2,
        Town = p.Town,
        Postcode = p.Postcode,
        GpPracticeId = p.GpPracticeId,
        PreferredContactMethod = p.PreferredContactMethod,
        Phone = p.Phone,
        Email = p.Email,
    };

    /// <summary>The fields where <paramref name="saved"/> and <paramref name="mine"/> differ, as labels and shown values.</summary>
    public static IReadOnlyList<(string Label, string Saved, string Mine)> Differences(PersonDetails saved, PersonDetails mine)
    {
        static string Show(object? v) => v switch
        {
            null => "",
            DateParts d => d.IsEmpty ? "" : $"{d.Day?.Trim()}/{d.Month?.Trim()}/{d.Year?.Trim()}",
            _ => v.ToString()!.Trim(),
        };
        var fields = new (string Label, Func<PersonDetails, object?> Get)[]
        {
            ("NHS number", d => People.NhsNumber.Normalise(d.NhsNumber) ?? d.NhsNumber),
            ("First name", d => d.GivenName), ("Last name", d => d.FamilyName), ("Date of birth", d => d.DateOfBirth),
            ("Sex", d => d.Sex), ("Gender identity", d => d.GenderIdentity), ("Ethnic group", d => d.EthnicCategory),
            ("Address line 1", d => d.AddressLine1), ("Address line 2", d => d.AddressLine2), ("Town or city", d => d.Town),
            ("Postcode", d => Shared.Postcode.Normalise(d.Postcode)), ("GP practice", d => d.GpPracticeId),
            ("Contact preference", d => d.PreferredContactMethod), ("Phone number", d => d.Phone), ("Email address", d => d.Email),
        };
        return fields
            .Select(f => (f.Label, Saved: Show(f.Get(saved)), Mine: Show(f.Get(mine))))
            .Where(f => !string.Equals(f.Saved, f.Mine, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Checks every field in page order and, when all are good, writes them onto <paramref name="person"/>.</summary>
    public Validation ValidateInto(Person person, DateOnly today)
    {
        var v = new Validation();

        string? nhsNumber = null;
        var digits = People.NhsNumber.Normalise(NhsNumber);
        if (string.IsNullOrWhiteSpace(NhsNumber))
        {
            v.Add(nameof(NhsNumber), "Enter an NHS number");
        }
        else if (digits is null)
        {
            v.Add(nameof(NhsNumber), "NHS number must be 10 digits");
        }
        else if (!People.NhsNumber.TryParse(digits, out var parsed))
        {
            v.Add(nameof(NhsNumber), "NHS number is not valid: check each digit");
        }
        else
        {
            nhsNumber = parsed.Value;
        }

        var given = v.Required(nameof(GivenName), GivenName, "Enter a first name", PersonLimits.Name, "First name");
        var family = v.Required(nameof(FamilyName), FamilyName, "Enter a last name", PersonLimits.Name, "Last name");

        DateOnly dob = default;
        if (!DateOfBirth.TryParse("Date of birth", out dob, out var dateError))
        {
            v.Add(nameof(DateOfBirth), dateError!);
        }
        else if (dob > today)
        {
            v.Add(nameof(DateOfBirth), "Date of birth must be today or in the past");
        }
        else if (dob < new DateOnly(1900, 1, 1))
        {
            v.Add(nameof(DateOfBirth), "Date of birth must be after 1 January 1900");
        }

        if (Sex is null)
        {
            v.Add(nameof(Sex), "Select the person's sex");
        }
        var gender = v.Optional(nameof(GenderIdentity), GenderIdentity, PersonLimits.Name, "Gender identity");

        var line1 = v.Required(nameof(AddressLine1), AddressLine1, "Enter address line 1, typically the building and street", PersonLimits.AddressLine, "Address line 1");
        var line2 = v.Optional(nameof(AddressLine2), AddressLine2, PersonLimits.AddressLine, "Address line 2");
        var town = v.Required(nameof(Town), Town, "Enter town or city", PersonLimits.Town, "Town or city");

        string? postcode = null;
        if (string.IsNullOrWhiteSpace(Postcode))
        {
            v.Add(nameof(Postcode), "Enter a postcode");
        }
        else if (!Shared.Postcode.IsValid(Postcode))
        {
            v.Add(nameof(Postcode), "Enter a full UK postcode, like NE4 5AB");
        }
        else
        {
            postcode = Shared.Postcode.Normalise(Postcode);
        }

        var phone = v.Optional(nameof(Phone), Phone, PersonLimits.Phone, "Phone number");
        if (phone is not null && !IsPhoneNumber(phone))
        {
            v.Add(nameof(Phone), "Enter a UK phone number, like 0191 496 0000 or 07700 900 982");
        }
        var email = v.Optional(nameof(Email), Email, PersonLimits.Email, "Email address");
        if (email is not null && !IsEmail(email))
        {
            v.Add(nameof(Email), "Enter an email address in the correct format, like name@example.com");
        }
        var contact = PreferredContactMethod ?? ContactMethod.Letter;
        if (contact is ContactMethod.Phone or ContactMethod.TextMessage && phone is null)
        {
            v.Add(nameof(Phone), "Enter a phone number, or choose another way to be contacted");
        }
        if (contact is ContactMethod.Email && email is null)
        {
            v.Add(nameof(Email), "Enter an email address, or choose another way to be contacted");
        }

        if (!v.IsValid)
        {
            return v;
        }

        person.NhsNumber = nhsNumber!;
        person.GivenName = given!;
        person.FamilyName = family!;
        person.SetNameKeys();
        person.DateOfBirth = dob;
        person.Sex = Sex!.Value;
        person.GenderIdentity = gender;
        person.EthnicCategory = EthnicCategory ?? People.EthnicCategory.NotKnown;
        person.AddressLine1 = line1!;
        person.AddressLine2 = line2;
        person.Town = town!;
        if (person.Postcode != postcode)
        {
            // A new postcode has no known location until it is looked up.
            person.Latitude = null;
            person.Longitude = null;
        }
        person.Postcode = postcode!;
        person.GpPracticeId = GpPracticeId;
        person.PreferredContactMethod = contact;
        person.Phone = phone;
        person.Email = email;
        return v;
    }

    private static bool IsPhoneNumber(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        var allowed = phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
        return allowed && (digits.StartsWith('0') && digits.Length is 10 or 11 || phone.StartsWith("+44") && digits.Length is 11 or 12);
    }

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal);
}
