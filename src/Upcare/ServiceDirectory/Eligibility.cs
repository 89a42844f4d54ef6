using Upcare.Synthetic;

namespace Upcare.ServiceDirectory;

/// <summary>
/// Who a service is only for, beyond age: health conditions and gender. Each is a small taxonomy every directory has; a
/// service tagged with terms of one is only for people who match one of them, and a service with none is for anyone.
/// In ORUK these are the service's attributes with link type "eligibility".
/// </summary>
public static class Eligibility
{
    public const string ConditionsTaxonomy = "upcare-eligibility-conditions";
    public const string GenderTaxonomy = "upcare-eligibility-gender";

    /// <summary>The ORUK attribute link type for an eligibility term.</summary>
    public const string LinkType = "eligibility";

    public static bool IsEligibility(string taxonomy) => taxonomy is ConditionsTaxonomy or GenderTaxonomy;

    /// <summary>The terms that are needs a service meets: every taxonomy but the eligibility ones.</summary>
    public static IQueryable<TaxonomyTerm> NeedsOnly(this IQueryable<TaxonomyTerm> terms) =>
        terms.Where(t => t.Taxonomy != ConditionsTaxonomy && t.Taxonomy != GenderTaxonomy);

    /// <summary>Conditions services in this area are commonly for: the long-term conditions social prescribing and peer support meet most.</summary>
    public static readonly (string Code, string Name)[] Conditions =
    [
        ("diabetes", "Diabetes (type 1 or type 2)"),
        ("copd", "COPD (chronic obstructive pulmonary disease)"),
        ("asthma", "Asthma"),
        ("heart-disease", "Heart disease or heart failure"),
        ("stroke", "Stroke"),
        ("cancer", "Cancer"),
        ("dementia", "Dementia"),
        ("chronic-pain", "Long-term pain"),
        ("long-covid", "Long COVID"),
        ("mental-health", "A mental health condition"),
        ("learning-disability", "A learning disability"),
        ("sight-or-hearing-loss", "Sight or hearing loss"),
    ];

    /// <summary>Genders a service can be only for: the term's name, and how a person searching describes themselves.</summary>
    public static readonly (string Code, string Name, string Person)[] Genders =
    [
        ("women", "Women", "Woman"),
        ("men", "Men", "Man"),
        ("non-binary", "Non-binary people", "Non-binary"),
    ];

    /// <summary>The terms of both taxonomies, with ids that are the same in every directory.</summary>
    public static IReadOnlyList<TaxonomyTerm> Terms { get; } =
        Conditions.Select(c => Term(ConditionsTaxonomy, c.Code, c.Name))
            .Concat(Genders.Select(g => Term(GenderTaxonomy, g.Code, g.Name)))
            .ToList();

    private static readonly HashSet<Guid> TermIds = Terms.Select(t => t.Id).ToHashSet();

    public static bool IsEligibilityTerm(Guid termId) => TermIds.Contains(termId);

    public static Guid TermIdOf(string taxonomy, string code) => PopulationGenerator.StableGuid($"eligibility:{taxonomy}:{code}");

    private static TaxonomyTerm Term(string taxonomy, string code, string name) =>
        new() { Id = TermIdOf(taxonomy, code), Code = code, Name = name, Taxonomy = taxonomy };
}
