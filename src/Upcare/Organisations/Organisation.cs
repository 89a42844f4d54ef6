namespace Upcare.Organisations;

/// <summary>The kinds of organisation in a local health and care system.</summary>
public enum OrganisationKind
{
    GpPractice,
    PrimaryCareNetwork,
    IntegratedCareBoard,
    LocalAuthority,
    VcseOrganisation,
    NhsTrust,
}

/// <summary>An organisation: a GP practice, the PCN, the ICB, the council, a VCSE group or an NHS trust.</summary>
public class Organisation
{
    public Guid Id { get; set; }

    /// <summary>ODS-style code, unique ("A99901" for a practice, "U99901" for a PCN).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>The organisation this one belongs to: a practice's PCN, a PCN's ICB.</summary>
    public Guid? ParentId { get; set; }

    public string? Postcode { get; set; }

    /// <summary>Where an import brought this from (a file, or another directory's address); null when made in Upcare. An import changes only its own.</summary>
    public string? ImportSource { get; set; }

    public static string DisplayKind(OrganisationKind kind) => kind switch
    {
        OrganisationKind.GpPractice => "GP practice",
        OrganisationKind.PrimaryCareNetwork => "Primary care network",
        OrganisationKind.IntegratedCareBoard => "Integrated care board",
        OrganisationKind.LocalAuthority => "Local authority",
        OrganisationKind.VcseOrganisation => "Voluntary, community or social enterprise organisation",
        OrganisationKind.NhsTrust => "NHS trust",
        _ => kind.ToString(),
    };
}
