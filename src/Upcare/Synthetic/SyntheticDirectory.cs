using Upcare.Organisations;
using Upcare.ServiceDirectory;

namespace Upcare.Synthetic;

/// <summary>A deterministic directory of invented community services for the demo area: the same seed makes the same directory.</summary>
public sealed class SyntheticDirectory
{
    public const string Taxonomy = "upcare-needs";

    /// <summary>The needs services meet, as a small local taxonomy.</summary>
    public static readonly (string Code, string Name, string[] Services)[] Needs =
    [
        ("debt-advice", "Debt advice", ["Debt advice drop-in", "Money and budgeting clinic", "Debt and money helpline"]),
        ("benefits-advice", "Welfare benefits advice", ["Benefits check and form filling", "Welfare rights advice"]),
        ("housing", "Housing", ["Housing options advice", "Tenancy support", "Warm homes and energy advice"]),
        ("loneliness", "Loneliness and social isolation", ["Befriending service", "Friendship café", "Telephone befriending", "Men's shed"]),
        ("physical-activity", "Physical activity", ["Walking group", "Chair-based exercise", "Community cycling", "Gentle swim", "Women's swim session"]),
        ("carers-support", "Carers' support", ["Carers' support group", "Carers' advice line", "Young carers' club"]),
        ("mental-wellbeing", "Mental wellbeing", ["Wellbeing café", "Peer support for low mood", "Mindfulness course"]),
        ("diabetes-peer-support", "Diabetes peer support", ["Diabetes peer support group", "Living well with diabetes"]),
        ("food", "Food support", ["Community pantry", "Cook and eat together", "Food bank"]),
        ("employment", "Employment and skills", ["Job club", "Digital skills drop-in", "Volunteering taster"]),
        ("arts-creativity", "Arts and creativity", ["Community choir", "Art for wellbeing", "Creative writing group", "Singing for lung health"]),
        ("gardening", "Gardening and green spaces", ["Community garden", "Allotment buddies"]),
    ];

    private readonly Random _random;
    private readonly int _count;
    private readonly (string Postcode, double Latitude, double Longitude)[] _postcodes = SyntheticPostcodes.All().ToArray();
    private static readonly string[] Venues = ["Community Centre", "Library", "Church Hall", "Family Hub", "Leisure Centre", "Neighbourhood Hub"];
    private static readonly string[] Places = ["Elswick", "Benwell", "Fenham", "Arthur's Hill", "West Denton", "Slatyford", "Lemington", "Newburn", "Throckley", "Scotswood", "Cowgate", "Westerhope"];

    public SyntheticDirectory(int seed, int services)
    {
        _random = new Random(seed);
        _count = services;
        Terms = Needs.Select(n => new TaxonomyTerm
        {
            Id = PopulationGenerator.StableGuid("taxonomy:" + n.Code),
            Code = n.Code,
            Name = n.Name,
            Taxonomy = Taxonomy,
        }).ToList();
    }

    public IReadOnlyList<TaxonomyTerm> Terms { get; }

    /// <summary>The organisations that run the services: the demo VCSE organisations, and more for large directories.</summary>
    public IReadOnlyList<Organisation> Organisations(IReadOnlyList<Organisation> existingVcse)
    {
        var extra = Math.Max(0, _count / 25 - existingVcse.Count);
        return existingVcse.Concat(Enumerable.Range(1, extra).Select(i => new Organisation
        {
            Id = PopulationGenerator.StableGuid($"organisation:V9{i:D5}"),
            Code = $"V9{i:D5}",
            Name = $"{Places[i % Places.Length]} {new[] { "Community Trust", "Neighbourhood Project", "Wellbeing Network", "Action Group" }[i % 4]} {i}",
            Kind = OrganisationKind.VcseOrganisation,
        })).ToList();
    }

    private static void OnlyFor(CommunityService service, string taxonomy, string code) =>
        service.Taxonomy.Add(new ServiceTaxonomy { ServiceId = service.Id, TermId = Eligibility.TermIdOf(taxonomy, code) });

    public IEnumerable<(CommunityService Service, DirectoryLocation? Location)> Services(IReadOnlyList<Organisation> organisations)
    {
        for (var i = 0; i < _count; i++)
        {
            var need = Needs[_random.Next(Needs.Length)];
            var organisation = organisations[_random.Next(organisations.Count)];
            var template = need.Services[_random.Next(need.Services.Length)];
            var place = Places[_random.Next(Places.Length)];
            var isLine = template.Contains("helpline", StringComparison.OrdinalIgnoreCase) || template.Contains("line", StringComparison.OrdinalIgnoreCase) || template.StartsWith("Telephone", StringComparison.Ordinal);
            var service = new CommunityService
            {
                Id = PopulationGenerator.StableGuid($"service:{i}:{template}"),
                OrganisationId = organisation.Id,
                Name = isLine ? template : $"{template}, {place}",
                Description = $"{template} for people in {place} and across Newcastle West. Run by {organisation.Name}. Just come along, or ask your link worker to refer you.",
                Phone = $"0191 498 {_random.Next(0, 1000):D4}",
                Email = $"hello{i}@example.org",
                Url = $"https://example.org/services/{i}",
                InPerson = !isLine,
                ByPhone = isLine || _random.Next(3) == 0,
                Online = _random.Next(5) == 0,
                UpdatedAt = new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc),
                Version = 1,
            };
            switch (_random.Next(10))
            {
                case 0: (service.MinimumAge, service.EligibilityDescription) = (65, "People aged 65 and over"); break;
                case 1: (service.MinimumAge, service.MaximumAge, service.EligibilityDescription) = (16, 25, "Young people aged 16 to 25"); break;
                case 2 or 3: (service.MinimumAge, service.EligibilityDescription) = (18, "Adults aged 18 and over"); break;
            }
            if (need.Code == "diabetes-peer-support")
            {
                service.EligibilityDescription = "People living with type 1 or type 2 diabetes, and their families";
                OnlyFor(service, Eligibility.ConditionsTaxonomy, "diabetes");
            }
            switch (template)
            {
                case "Men's shed": OnlyFor(service, Eligibility.GenderTaxonomy, "men"); break;
                case "Women's swim session": OnlyFor(service, Eligibility.GenderTaxonomy, "women"); break;
                case "Singing for lung health":
                    service.EligibilityDescription = "People living with a lung condition such as COPD or asthma";
                    OnlyFor(service, Eligibility.ConditionsTaxonomy, "copd");
                    OnlyFor(service, Eligibility.ConditionsTaxonomy, "asthma");
                    break;
            }
            if (need.Code == "carers-support")
            {
                service.EligibilityDescription = "Unpaid carers of any age";
            }
            if (_random.Next(5) == 0)
            {
                var pence = (_random.Next(1, 5) * 100) + (_random.Next(2) * 50);
                service.IsFree = false;
                service.FeesDescription = $"£{pence / 100m:0.00} a session; free if you cannot afford it";
                service.CostOptions.Add(new CostOption { Id = Guid.NewGuid(), ServiceId = service.Id, Option = "Per session", AmountPence = pence, Description = service.FeesDescription });
            }
            var sessions = _random.Next(1, 4);
            foreach (var day in Enumerable.Range(0, 7).OrderBy(_ => _random.Next()).Take(sessions))
            {
                var opens = new TimeOnly(_random.Next(9, 16), _random.Next(2) * 30);
                service.OpeningTimes.Add(new OpeningTime
                {
                    Id = Guid.NewGuid(),
                    ServiceId = service.Id,
                    Day = (DayOfWeek)day,
                    Opens = opens,
                    Closes = opens.AddHours(_random.Next(2, 5)),
                });
            }
            service.Taxonomy.Add(new ServiceTaxonomy { ServiceId = service.Id, TermId = Terms.Single(t => t.Code == need.Code).Id });
            // Some services meet a second need too (a befriending café is also about mental wellbeing).
            if (_random.Next(4) == 0 && Needs[_random.Next(Needs.Length)] is var also && also.Code != need.Code)
            {
                service.Taxonomy.Add(new ServiceTaxonomy { ServiceId = service.Id, TermId = Terms.Single(t => t.Code == also.Code).Id });
            }
            DirectoryLocation? location = null;
            if (service.InPerson)
            {
                var (postcode, lat, lon) = _postcodes[_random.Next(_postcodes.Length)];
                location = new DirectoryLocation
                {
                    Id = PopulationGenerator.StableGuid($"location:{i}"),
                    OrganisationId = organisation.Id,
                    Name = $"{place} {Venues[_random.Next(Venues.Length)]}",
                    AddressLine1 = $"{_random.Next(1, 200)} {SyntheticNames.Areas.First(a => postcode.StartsWith(a.Outward + " ", StringComparison.Ordinal)).Streets[0]}",
                    Town = "Newcastle upon Tyne",
                    Postcode = postcode,
                    Latitude = lat,
                    Longitude = lon,
                };
            }
            yield return (service, location);
        }
    }
}
