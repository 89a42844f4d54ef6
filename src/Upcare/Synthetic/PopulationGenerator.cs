using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Upcare.Organisations;
using Upcare.People;
using static Upcare.Synthetic.SyntheticNames;

namespace Upcare.Synthetic;

/// <summary>
/// Makes a deterministic synthetic population for a Primary Care Network in Newcastle West: the same seed gives
/// the same people. NHS numbers come only from the 999 test range; phone numbers from Ofcom's drama ranges;
/// email addresses at example.com. Everyone is invented.
/// </summary>
public sealed class PopulationGenerator
{
    /// <summary>The day the population's ages are worked out from; fixed so a seed always gives the same birthdays.</summary>
    public static readonly DateOnly AsOf = new(2026, 4, 1);

    private static readonly DateTime AsOfInstant = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Payloads of the test range run 999000000–999999999; about one in eleven has no valid check digit.</summary>
    private const int TestRangeSize = 1_000_000;

    /// <summary>The most people one run can make without running out of 999 numbers.</summary>
    public const int MaxPeople = 800_000;

    /// <summary>
    /// The most a benchmark population can have: every number of the 999 test range, including the one in eleven whose
    /// check digit fails (the range holds only 909,091 valid numbers). Never issued, so never a real person's.
    /// </summary>
    public const int MaxBenchmarkPeople = TestRangeSize;

    private readonly bool _unchecked;

    // UK-like age structure in ten-year bands (ONS mid-year estimates, rounded): share of the population.
    private static readonly (int From, int To, double Share)[] AgeBands =
    [
        (0, 9, 0.115), (10, 19, 0.118), (20, 29, 0.125), (30, 39, 0.134), (40, 49, 0.124),
        (50, 59, 0.134), (60, 69, 0.112), (70, 79, 0.089), (80, 89, 0.041), (90, 100, 0.008),
    ];

    // Approximate recorded prevalence by age group: under 18, 18–39, 40–59, 60–74, 75 and over.
    private static readonly (ConditionCode Code, double[] ByAge)[] Prevalence =
    [
        (ConditionCatalogue.Hypertension, [0, 0.03, 0.15, 0.35, 0.55]),
        (ConditionCatalogue.Asthma, [0.08, 0.08, 0.07, 0.07, 0.07]),
        (ConditionCatalogue.Type2Diabetes, [0, 0.01, 0.07, 0.15, 0.18]),
        (ConditionCatalogue.Type1Diabetes, [0.002, 0.004, 0.004, 0.003, 0.002]),
        (ConditionCatalogue.Copd, [0, 0.002, 0.02, 0.06, 0.09]),
        (ConditionCatalogue.CoronaryHeartDisease, [0, 0.001, 0.02, 0.08, 0.15]),
        (ConditionCatalogue.HeartFailure, [0, 0, 0.004, 0.02, 0.07]),
        (ConditionCatalogue.AtrialFibrillation, [0, 0.001, 0.006, 0.04, 0.11]),
        (ConditionCatalogue.Epilepsy, [0.005, 0.008, 0.009, 0.009, 0.009]),
        (ConditionCatalogue.Depression, [0.01, 0.14, 0.15, 0.12, 0.10]),
        (ConditionCatalogue.Anxiety, [0.02, 0.08, 0.07, 0.05, 0.04]),
        (ConditionCatalogue.ChronicKidneyDisease, [0, 0.002, 0.02, 0.08, 0.20]),
        (ConditionCatalogue.Stroke, [0, 0.001, 0.008, 0.03, 0.07]),
        (ConditionCatalogue.Dementia, [0, 0, 0.001, 0.01, 0.08]),
        (ConditionCatalogue.RheumatoidArthritis, [0, 0.002, 0.008, 0.015, 0.02]),
        (ConditionCatalogue.Osteoarthritis, [0, 0.01, 0.08, 0.20, 0.30]),
        (ConditionCatalogue.Obesity, [0.03, 0.08, 0.12, 0.13, 0.08]),
        (ConditionCatalogue.Cancer, [0.001, 0.005, 0.03, 0.07, 0.10]),
    ];

    // Newcastle-like ethnic mix (2011 census, rounded).
    private static readonly (EthnicCategory Category, double Share)[] Ethnicity =
    [
        (EthnicCategory.WhiteBritish, 0.80), (EthnicCategory.WhiteOther, 0.035), (EthnicCategory.WhiteIrish, 0.005),
        (EthnicCategory.AsianPakistani, 0.025), (EthnicCategory.AsianIndian, 0.019), (EthnicCategory.AsianBangladeshi, 0.018),
        (EthnicCategory.AsianOther, 0.01), (EthnicCategory.Chinese, 0.017), (EthnicCategory.BlackAfrican, 0.017),
        (EthnicCategory.BlackCaribbean, 0.002), (EthnicCategory.MixedWhiteAndAsian, 0.006), (EthnicCategory.MixedOther, 0.008),
        (EthnicCategory.OtherEthnicGroup, 0.008), (EthnicCategory.NotStated, 0.03),
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<Organisation> _practices;
    private int _nhsPayload;
    private readonly int _maxGap;

    /// <param name="allowUncheckedNumbers">For region-sized benchmarks only: use every 999 number, valid or not, in order.</param>
    public PopulationGenerator(int seed, int people, bool allowUncheckedNumbers = false)
    {
        var max = allowUncheckedNumbers ? MaxBenchmarkPeople : MaxPeople;
        if (people is < 0 || people > max)
        {
            throw new ArgumentOutOfRangeException(nameof(people), $"The synthetic population can have 0 to {max:N0} people.");
        }
        _unchecked = allowUncheckedNumbers;
        _random = new Random(seed);
        Organisations = SyntheticOrganisations.All();
        _practices = Organisations.Where(o => o.Kind == OrganisationKind.GpPractice).ToList();
        // Spread the numbers over most of the range with random gaps, so numbers do not look sequential.
        _maxGap = Math.Max(1, (int)(TestRangeSize * 0.75 * 2 / Math.Max(people, 1)) - 1);
        _nhsPayload = allowUncheckedNumbers ? 999_000_000 - 1 : 999_000_000 + _random.Next(0, Math.Max(1, TestRangeSize / 100));
        Count = people;
    }

    public int Count { get; }

    /// <summary>The PCN, its practices and the organisations around it.</summary>
    public IReadOnlyList<Organisation> Organisations { get; }

    /// <summary>The people, made one at a time so a large population never sits in memory at once.</summary>
    public IEnumerable<Person> People()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return NextPerson();
        }
    }

    private Person NextPerson()
    {
        var sex = _random.NextDouble() < 0.506 ? Sex.Female : Sex.Male;
        var age = PickAge();
        var dob = AsOf.AddYears(-age).AddDays(-_random.Next(0, 365));
        var ethnicity = Pick(Ethnicity);
        var (given, family) = PickName(sex, dob.Year, ethnicity);
        var area = Areas[_random.Next(Areas.Length)];
        var postcode = $"{area.Outward} {area.Sectors[_random.Next(area.Sectors.Length)]}{InwardLetters[_random.Next(InwardLetters.Length)]}{InwardLetters[_random.Next(InwardLetters.Length)]}";
        var practice = PracticeFor(area.Outward);
        var contact = PickContactMethod(age);
        var person = new Person
        {
            Id = NextGuid(),
            NhsNumber = NextNhsNumber(),
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dob,
            Sex = sex,
            EthnicCategory = ethnicity,
            AddressLine1 = $"{_random.Next(1, 240)} {area.Streets[_random.Next(area.Streets.Length)]}",
            Town = "Newcastle upon Tyne",
            Postcode = postcode,
            Latitude = Math.Round(area.Latitude + (_random.NextDouble() - 0.5) * 0.02, 5),
            Longitude = Math.Round(area.Longitude + (_random.NextDouble() - 0.5) * 0.03, 5),
            GpPracticeId = practice.Id,
            PreferredContactMethod = contact,
            CreatedAt = AsOfInstant,
            UpdatedAt = AsOfInstant,
            Version = 1,
        };
        person.SetNameKeys();
        if (contact != ContactMethod.Letter || _random.NextDouble() < 0.5)
        {
            person.Phone = _random.NextDouble() < 0.7
                ? $"07700 900{_random.Next(0, 1000):000}"
                : $"0191 498 0{_random.Next(0, 1000):000}";
        }
        if (contact == ContactMethod.Email || (age >= 18 && _random.NextDouble() < 0.2))
        {
            person.Email = $"{Ascii(given)}.{Ascii(family)}{_random.Next(1, 100)}@example.com".ToLowerInvariant();
        }

        AddConditions(person, age);
        AddCommunicationNeeds(person, age);
        AddContacts(person, age);
        AddSocialNeeds(person, age);
        AddWhatMatters(person);
        return person;
    }

    private int PickAge()
    {
        var band = Pick(AgeBands.Select(b => (b, b.Share)).ToArray());
        return _random.Next(band.From, band.To + 1);
    }

    private (string Given, string Family) PickName(Sex sex, int birthYear, EthnicCategory ethnicity)
    {
        var female = sex == Sex.Female;
        return ethnicity switch
        {
            EthnicCategory.AsianPakistani or EthnicCategory.AsianIndian or EthnicCategory.AsianBangladeshi or EthnicCategory.AsianOther =>
                (Any(female ? SouthAsianFemale : SouthAsianMale), Any(SouthAsianSurnames)),
            EthnicCategory.Chinese => (Any(female ? ChineseFemale : ChineseMale), Any(ChineseSurnames)),
            EthnicCategory.BlackAfrican => (Any(female ? AfricanFemale : AfricanMale), Any(AfricanSurnames)),
            _ => (Any(birthYear < 1975
                    ? (female ? FemaleOlder : MaleOlder)
                    : (female ? FemaleYounger : MaleYounger)), Any(Surnames)),
        };
    }

    private Organisation PracticeFor(string outward)
    {
        // Most people are registered near home; some further away.
        var near = _practices.Where(p => p.Postcode!.StartsWith(outward + " ", StringComparison.Ordinal)).ToList();
        return near.Count > 0 && _random.NextDouble() < 0.85 ? near[_random.Next(near.Count)] : _practices[_random.Next(_practices.Count)];
    }

    private ContactMethod PickContactMethod(int age) => age switch
    {
        < 16 => ContactMethod.Letter,
        >= 75 => Pick([(ContactMethod.Letter, 0.6), (ContactMethod.Phone, 0.35), (ContactMethod.TextMessage, 0.05)]),
        _ => Pick([(ContactMethod.Letter, 0.25), (ContactMethod.Phone, 0.2), (ContactMethod.TextMessage, 0.4), (ContactMethod.Email, 0.15)]),
    };

    private void AddConditions(Person person, int age)
    {
        var group = age switch { < 18 => 0, < 40 => 1, < 60 => 2, < 75 => 3, _ => 4 };
        foreach (var (code, byAge) in Prevalence)
        {
            if (code == ConditionCatalogue.Type1Diabetes && person.LongTermConditions.Any(c => c.SnomedCode == ConditionCatalogue.Type2Diabetes.SnomedCode))
            {
                continue;
            }
            if (_random.NextDouble() < byAge[group])
            {
                var yearsAgo = _random.Next(0, Math.Max(1, Math.Min(age, 25)));
                person.LongTermConditions.Add(new LongTermCondition
                {
                    Id = NextGuid(),
                    PersonId = person.Id,
                    SnomedCode = code.SnomedCode,
                    Term = code.Term,
                    DiagnosedOn = AsOf.AddYears(-yearsAgo).AddDays(-_random.Next(0, 365)),
                });
            }
        }
    }

    private void AddCommunicationNeeds(Person person, int age)
    {
        if (person.EthnicCategory is not (EthnicCategory.WhiteBritish or EthnicCategory.NotStated) && _random.NextDouble() < 0.15)
        {
            Need(person, CommunicationNeedCategory.CommunicationProfessional, $"{Any(InterpreterLanguages)} interpreter");
        }
        if (age >= 65 && _random.NextDouble() < 0.06)
        {
            Need(person, CommunicationNeedCategory.InformationFormat, "Large print (16 point)");
        }
        if (_random.NextDouble() < 0.004)
        {
            Need(person, CommunicationNeedCategory.CommunicationProfessional, "British Sign Language interpreter");
        }
        if (age >= 70 && _random.NextDouble() < 0.04)
        {
            Need(person, CommunicationNeedCategory.CommunicationSupport, "Uses a hearing aid: needs a hearing loop");
        }
        if (_random.NextDouble() < 0.01)
        {
            Need(person, CommunicationNeedCategory.InformationFormat, "Easy read");
        }
    }

    private void Need(Person person, CommunicationNeedCategory category, string description) =>
        person.CommunicationNeeds.Add(new CommunicationNeed
        {
            Id = NextGuid(),
            PersonId = person.Id,
            Category = category,
            Description = description,
            RecordedAt = AsOfInstant,
        });

    private void AddContacts(Person person, int age)
    {
        var conditions = person.LongTermConditions.Count;
        var hasCarer = conditions >= 3 && _random.NextDouble() < 0.35 || age >= 80 && _random.NextDouble() < 0.3;
        var hasNextOfKin = age >= 18 && _random.NextDouble() < 0.4;
        if (!hasCarer && !hasNextOfKin)
        {
            return;
        }
        var (relationship, female) = CarerRelationships[_random.Next(CarerRelationships.Length)];
        var given = Any(female ? FemaleYounger.Concat(FemaleOlder).ToArray() : MaleYounger.Concat(MaleOlder).ToArray());
        var family = relationship is "Friend" or "Neighbour" or "Partner" ? Any(Surnames) : person.FamilyName;
        person.Contacts.Add(new PersonContact
        {
            Id = NextGuid(),
            PersonId = person.Id,
            Name = $"{given} {family}",
            Relationship = relationship,
            Phone = $"07700 900{_random.Next(0, 1000):000}",
            IsCarer = hasCarer,
            IsNextOfKin = hasNextOfKin || hasCarer && relationship is "Wife" or "Husband" or "Partner",
        });
    }

    private void AddSocialNeeds(Person person, int age)
    {
        void Maybe(SocialNeedKind kind, double chance)
        {
            if (_random.NextDouble() < chance)
            {
                person.SocialNeeds.Add(new SocialNeed { Id = NextGuid(), PersonId = person.Id, Kind = kind, RecordedAt = AsOfInstant.AddDays(-_random.Next(0, 700)) });
            }
        }
        if (age < 18)
        {
            return;
        }
        var multimorbid = person.LongTermConditions.Count >= 2;
        Maybe(SocialNeedKind.Loneliness, age >= 75 ? 0.15 : multimorbid ? 0.08 : 0.03);
        Maybe(SocialNeedKind.Debt, age < 65 ? 0.07 : 0.02);
        Maybe(SocialNeedKind.Housing, age < 65 ? 0.04 : 0.02);
        Maybe(SocialNeedKind.Employment, age is >= 18 and < 65 && multimorbid ? 0.06 : 0);
        Maybe(SocialNeedKind.FoodInsecurity, age < 65 ? 0.02 : 0.01);
        if (person.Contacts.Any(c => c.IsCarer))
        {
            Maybe(SocialNeedKind.CarerStrain, 0.3);
        }
    }

    private void AddWhatMatters(Person person)
    {
        if (person.LongTermConditions.Count == 0 && person.SocialNeeds.Count == 0 || _random.NextDouble() > 0.35)
        {
            return;
        }
        person.WhatMatters.Add(new WhatMattersStatement
        {
            Id = NextGuid(),
            PersonId = person.Id,
            Text = Any(WhatMattersStatements),
            Source = _random.NextDouble() < 0.9 ? StatementSource.Person : StatementSource.Carer,
            RecordedAt = AsOfInstant.AddDays(-_random.Next(0, 400)),
        });
    }

    private string NextNhsNumber()
    {
        if (_unchecked)
        {
            _nhsPayload++;
            var payload = _nhsPayload.ToString(CultureInfo.InvariantCulture);
            return payload + (NhsNumber.CheckDigitFor(payload) ?? 0).ToString(CultureInfo.InvariantCulture);
        }
        while (true)
        {
            _nhsPayload += 1 + _random.Next(_maxGap);
            if (_nhsPayload > 999_999_999)
            {
                throw new InvalidOperationException("The 999 test range has run out of NHS numbers for this population size.");
            }
            var payload = _nhsPayload.ToString(CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigitFor(payload) is { } check)
            {
                return payload + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // a version 4 (random) GUID
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private string Any(string[] items) => items[_random.Next(items.Length)];

    private T Pick<T>((T Item, double Weight)[] items)
    {
        var total = items.Sum(i => i.Weight);
        var roll = _random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }
        return items[^1].Item;
    }

    private static string Ascii(string s) => new(s.Where(char.IsAsciiLetter).ToArray());

    /// <summary>A stable GUID for a fixed thing (an organisation code), the same in every run.</summary>
    internal static Guid StableGuid(string name) => new(MD5.HashData(Encoding.UTF8.GetBytes(name)));
}
