using Upcare.People;
using Upcare.Shared;
using Upcare.Synthetic;

namespace Upcare.Tests.Synthetic;

public class PopulationGeneratorTests
{
    private static List<Person> Make(int seed, int people) => new PopulationGenerator(seed, people).People().ToList();

    private static string Fingerprint(Person p) =>
        $"{p.Id}|{p.NhsNumber}|{p.GivenName}|{p.FamilyName}|{p.DateOfBirth}|{p.Sex}|{p.Postcode}|{p.Latitude}|{p.Longitude}|{p.GpPracticeId}|" +
        string.Join(",", p.LongTermConditions.Select(c => c.SnomedCode)) + "|" + string.Join(",", p.SocialNeeds.Select(n => n.Kind)) + "|" +
        string.Join(",", p.WhatMatters.Select(w => w.Text)) + "|" + string.Join(",", p.Contacts.Select(c => c.Name));

    [Fact]
    public void The_same_seed_makes_the_same_people() =>
        Assert.Equal(Make(42, 2000).Select(Fingerprint), Make(42, 2000).Select(Fingerprint));

    [Fact]
    public void A_different_seed_makes_different_people() =>
        Assert.NotEqual(Make(42, 200).Select(Fingerprint), Make(43, 200).Select(Fingerprint));

    [Fact]
    public void Every_NHS_number_is_in_the_999_test_range_valid_and_unique()
    {
        var people = Make(7, 20_000);
        Assert.All(people, p =>
        {
            Assert.StartsWith("999", p.NhsNumber);
            Assert.True(NhsNumber.TryParse(p.NhsNumber, out _), p.NhsNumber);
        });
        Assert.Equal(people.Count, people.Select(p => p.NhsNumber).Distinct().Count());
    }

    [Fact]
    public void A_large_population_does_not_run_out_of_test_numbers()
    {
        var numbers = new PopulationGenerator(1, PopulationGenerator.MaxPeople).People().Select(p => p.NhsNumber).ToList();
        Assert.Equal(PopulationGenerator.MaxPeople, numbers.Distinct().Count());
    }

    [Fact]
    public void Postcodes_are_valid_and_in_Newcastle_West()
    {
        var people = Make(3, 5000);
        Assert.All(people, p =>
        {
            Assert.True(Postcode.IsValid(p.Postcode), p.Postcode);
            Assert.Contains(Postcode.Outward(p.Postcode), new[] { "NE4", "NE5", "NE15" });
            Assert.InRange(p.Latitude!.Value, 54.95, 55.01);
            Assert.InRange(p.Longitude!.Value, -1.77, -1.62);
        });
    }

    [Fact]
    public void Ages_sexes_and_conditions_look_like_a_UK_population()
    {
        var people = Make(11, 20_000);
        var ages = people.Select(p => p.AgeOn(PopulationGenerator.AsOf)).ToList();
        var female = people.Count(p => p.Sex == Sex.Female) / (double)people.Count;
        Assert.InRange(female, 0.48, 0.53);
        Assert.InRange(ages.Count(a => a >= 65) / (double)people.Count, 0.15, 0.23);
        Assert.InRange(ages.Count(a => a < 18) / (double)people.Count, 0.18, 0.25);
        var older = people.Where(p => p.AgeOn(PopulationGenerator.AsOf) >= 75).ToList();
        var younger = people.Where(p => p.AgeOn(PopulationGenerator.AsOf) is >= 18 and < 40).ToList();
        // Multimorbidity rises with age: most people over 75 have several conditions.
        Assert.True(older.Average(p => p.LongTermConditions.Count) > 2.0);
        Assert.True(younger.Average(p => p.LongTermConditions.Count) < 0.6);
        var hypertension = people.Count(p => p.LongTermConditions.Any(c => c.SnomedCode == ConditionCatalogue.Hypertension.SnomedCode)) / (double)people.Count;
        Assert.InRange(hypertension, 0.10, 0.20);
        Assert.Contains(people, p => p.SocialNeeds.Any(n => n.Kind == SocialNeedKind.Loneliness));
        Assert.Contains(people, p => p.SocialNeeds.Any(n => n.Kind == SocialNeedKind.Debt));
        Assert.Contains(people, p => p.SocialNeeds.Any(n => n.Kind == SocialNeedKind.CarerStrain));
    }

    [Fact]
    public void Every_person_is_registered_with_a_practice_of_the_PCN()
    {
        var generator = new PopulationGenerator(5, 1000);
        var practices = generator.Organisations.Where(o => o.Kind == Upcare.Organisations.OrganisationKind.GpPractice).Select(o => o.Id).ToHashSet();
        var pcn = generator.Organisations.Single(o => o.Kind == Upcare.Organisations.OrganisationKind.PrimaryCareNetwork);
        Assert.All(generator.Organisations.Where(o => practices.Contains(o.Id)), p => Assert.Equal(pcn.Id, p.ParentId));
        Assert.All(generator.People(), p => Assert.Contains(p.GpPracticeId!.Value, practices));
    }
}
