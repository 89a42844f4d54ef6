using Upcare.Organisations;

namespace Upcare.Synthetic;

/// <summary>The invented organisations of the demo Primary Care Network in Newcastle West.</summary>
public static class SyntheticOrganisations
{
    public static IReadOnlyList<Organisation> All()
    {
        var icb = Org("QXX", "North East and North Cumbria Integrated Care Board (synthetic)", OrganisationKind.IntegratedCareBoard, null, "NE4 6NB");
        var pcn = Org("U99901", "Newcastle West Primary Care Network (synthetic)", OrganisationKind.PrimaryCareNetwork, icb, "NE4 6NB");
        var council = Org("E99001", "Newcastle City Council (synthetic)", OrganisationKind.LocalAuthority, null, "NE1 8QH");
        var trust = Org("RXX", "Tyneside Hospitals NHS Foundation Trust (synthetic)", OrganisationKind.NhsTrust, null, "NE4 6BE");
        return
        [
            icb, pcn, council, trust,
            Org("A99901", "Westgate Road Medical Practice", OrganisationKind.GpPractice, pcn, "NE4 6NB"),
            Org("A99902", "Fenham Hall Surgery", OrganisationKind.GpPractice, pcn, "NE4 9XD"),
            Org("A99903", "Benwell Grove Health Centre", OrganisationKind.GpPractice, pcn, "NE4 8AS"),
            Org("A99904", "West Denton Family Practice", OrganisationKind.GpPractice, pcn, "NE5 2JP"),
            Org("A99905", "Slatyford Lane Surgery", OrganisationKind.GpPractice, pcn, "NE5 3HR"),
            Org("A99906", "Lemington Riverside Practice", OrganisationKind.GpPractice, pcn, "NE15 8RY"),
            Org("A99907", "Newburn and Throckley Medical Group", OrganisationKind.GpPractice, pcn, "NE15 9RB"),
            Org("V99901", "West End Befrienders", OrganisationKind.VcseOrganisation, null, "NE4 5NE"),
            Org("V99902", "Tyneside Money Advice", OrganisationKind.VcseOrganisation, null, "NE4 7AB"),
            Org("V99903", "Walk and Talk Newcastle West", OrganisationKind.VcseOrganisation, null, "NE5 2DJ"),
            Org("V99904", "Carers Together Tyneside", OrganisationKind.VcseOrganisation, null, "NE15 6UT"),
        ];
    }

    private static Organisation Org(string code, string name, OrganisationKind kind, Organisation? parent, string postcode) => new()
    {
        Id = PopulationGenerator.StableGuid("organisation:" + code),
        Code = code,
        Name = name,
        Kind = kind,
        ParentId = parent?.Id,
        Postcode = postcode,
    };
}
