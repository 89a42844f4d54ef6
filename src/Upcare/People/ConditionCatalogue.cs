namespace Upcare.People;

/// <summary>A long-term condition people often record, with its SNOMED CT concept.</summary>
public sealed record ConditionCode(string SnomedCode, string Term);

/// <summary>
/// The long-term conditions offered in pick lists and used by the synthetic population.
/// Concept IDs are SNOMED CT International Edition disorder concepts (all pass the Verhoeff check in tests).
/// Checked 2026-11-22 against public code lists only, not the NHS SNOMED CT browser: 15 of 18 agree with an
/// independent condition-to-SNOMED table and a FHIR profile (709044004 "Chronic kidney disease (disorder)");
/// stroke 230690007, dementia 52448006 and cancer 363346000 were not cross-checked. Verify in the browser.
/// A place that needs more codes enters any valid concept ID on the "add a condition" page.
/// </summary>
public static class ConditionCatalogue
{
    public static readonly ConditionCode Hypertension = new("38341003", "Hypertension");
    public static readonly ConditionCode Asthma = new("195967001", "Asthma");
    public static readonly ConditionCode Type2Diabetes = new("44054006", "Type 2 diabetes mellitus");
    public static readonly ConditionCode Type1Diabetes = new("46635009", "Type 1 diabetes mellitus");
    public static readonly ConditionCode Copd = new("13645005", "Chronic obstructive pulmonary disease");
    public static readonly ConditionCode CoronaryHeartDisease = new("53741008", "Coronary heart disease");
    public static readonly ConditionCode HeartFailure = new("84114007", "Heart failure");
    public static readonly ConditionCode AtrialFibrillation = new("49436004", "Atrial fibrillation");
    public static readonly ConditionCode Epilepsy = new("84757009", "Epilepsy");
    public static readonly ConditionCode Depression = new("35489007", "Depression");
    public static readonly ConditionCode Anxiety = new("197480006", "Anxiety disorder");
    public static readonly ConditionCode ChronicKidneyDisease = new("709044004", "Chronic kidney disease");
    public static readonly ConditionCode Stroke = new("230690007", "Stroke");
    public static readonly ConditionCode Dementia = new("52448006", "Dementia");
    public static readonly ConditionCode RheumatoidArthritis = new("69896004", "Rheumatoid arthritis");
    public static readonly ConditionCode Osteoarthritis = new("396275006", "Osteoarthritis");
    public static readonly ConditionCode Obesity = new("414916001", "Obesity");
    public static readonly ConditionCode Cancer = new("363346000", "Cancer");

    public static readonly IReadOnlyList<ConditionCode> All =
    [
        Asthma, AtrialFibrillation, Cancer, ChronicKidneyDisease, Copd, CoronaryHeartDisease, Dementia, Depression,
        Anxiety, Epilepsy, HeartFailure, Hypertension, Obesity, Osteoarthritis, RheumatoidArthritis, Stroke,
        Type1Diabetes, Type2Diabetes,
    ];

    public static ConditionCode? Find(string snomedCode) => All.FirstOrDefault(c => c.SnomedCode == snomedCode);
}
