namespace Upcare.SharedDecisions;

/// <summary>
/// Decision aids written for the demo: plausible, marked as written for the demo, and not clinical guidance. A real
/// service loads published aids (for example NICE patient decision aids) through the administration pages.
/// </summary>
public static class DemoDecisionAids
{
    private const string Evidence = "Written for the Upcare demo; not from a published decision aid";

    public static IEnumerable<DecisionAid> Create(DateTime now)
    {
        DecisionAid Aid(string title, string summary, params (string Name, string Involves, string Benefits, string Risks)[] options)
        {
            var aid = new DecisionAid { Id = Guid.NewGuid(), Title = title, Summary = summary, WrittenForDemo = true, UpdatedAt = now, UpdatedByName = "Upcare demo", Version = 1 };
            aid.Options = options.Select((o, i) => new DecisionOption
            {
                Id = Guid.NewGuid(), AidId = aid.Id, Position = i, Name = o.Name, WhatItInvolves = o.Involves, Benefits = o.Benefits, Risks = o.Risks,
                EvidenceSource = Evidence, IsDoingNothing = i == 0,
            }).ToList();
            return aid;
        }

        yield return Aid("Which treatment for my knee osteoarthritis?",
            "For people with knee pain from osteoarthritis that affects daily life.",
            (DecisionAidService.DoingNothing, "Carry on as now and see your GP again if things change.",
                "No side effects or appointments. You can choose another option at any time.", "Pain and stiffness may stay the same or get worse."),
            ("Exercise and weight management", "A programme of strengthening exercise, often in a group, for 6 to 12 weeks; help to lose weight if needed.",
                "Many people have less pain and move more easily. Good for general health.", "Muscles may ache at first. Needs time and keeping it up."),
            ("Pain relief medicines", "Paracetamol or anti-inflammatory gels or tablets when needed.",
                "Can ease pain quickly.", "Tablets can upset the stomach or affect kidneys; not suitable for everyone."),
            ("Knee replacement surgery", "An operation, a hospital stay of a few days and months of rehabilitation.",
                "Most people have much less pain afterwards.", "Risks of any operation (infection, clots); recovery takes months; a small number are not satisfied."));

        yield return Aid("Which medicine for my type 2 diabetes?",
            "For people whose blood glucose is above their target with diet and activity alone.",
            (DecisionAidService.DoingNothing, "Keep going with diet and activity changes and check HbA1c again in 3 months.",
                "No tablets or side effects.", "Blood glucose may stay high, which over years raises the risk of complications."),
            ("Metformin", "A tablet once or twice a day with food.",
                "Lowers blood glucose; used for many years; does not cause weight gain.", "Stomach upset or diarrhoea at first for some people."),
            ("SGLT2 inhibitor", "A tablet once a day.",
                "Lowers blood glucose; may protect the heart and kidneys; may help weight loss.", "Genital thrush and urine infections; rarely a serious condition called ketoacidosis."));

        yield return Aid("Where would I like to be cared for at the end of my life?",
            "For people with a life-limiting illness and those close to them, to plan ahead.",
            (DecisionAidService.DoingNothing, "Not deciding now, and talking about it again later.",
                "Time to think and talk with family.", "If things change quickly, others may have to decide without knowing your wishes."),
            ("At home", "Care from district nurses, GP and carers at home, with equipment and night sitters where available.",
                "Familiar surroundings, family and pets close by.", "Family may carry a lot of the care; some symptoms are harder to manage at home."),
            ("In a hospice", "Care from a specialist team in a hospice, with visiting for family.",
                "Specialist symptom control and support for family.", "Away from home; a bed may not always be available."),
            ("In a care home", "Moving to a nursing or residential home with support from the GP and community teams.",
                "Care around the clock.", "A move away from home; choice of home depends on availability."));
    }
}
