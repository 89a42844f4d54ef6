using Microsoft.AspNetCore.Identity;

namespace Upcare.Access;

/// <summary>The kinds of user Upcare knows; each account has exactly one.</summary>
public enum UserRole
{
    Clinician,
    LinkWorker,
    HealthCoach,
    CareCoordinator,
    VcseWorker,
    BudgetOfficer,
    Commissioner,
    Administrator,
    Person,

    /// <summary>Leads a PCN's link workers: sees their caseloads against the safe maximum and reassigns people.</summary>
    LinkWorkerManager,
}

/// <summary>Someone who signs in to Upcare: a member of staff, or a person (with their own record) or their carer.</summary>
public class UpcareUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public UserRole Role { get; set; }

    /// <summary>Where a member of staff works: a clinician's GP practice, a VCSE worker's organisation.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>For a person's account: their own record.</summary>
    public Guid? PersonId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when an administrator closes the account; it can no longer sign in.</summary>
    public DateTime? DeactivatedAt { get; set; }
}

/// <summary>How roles are named to people, and which roles hold caseloads.</summary>
public static class UserRoles
{
    /// <summary>Roles whose access to a person comes from a caseload an administrator assigns.</summary>
    public static readonly UserRole[] WithCaseloads = [UserRole.LinkWorker, UserRole.HealthCoach, UserRole.CareCoordinator, UserRole.BudgetOfficer];

    /// <summary>Staff who work with named people's records (through their practice or a caseload).</summary>
    public static readonly UserRole[] WorkingWithPeople = [UserRole.Clinician, .. WithCaseloads];

    public static bool HoldsCaseload(UserRole role) => WithCaseloads.Contains(role);

    public static string Label(UserRole role) => role switch
    {
        UserRole.Clinician => "Clinician",
        UserRole.LinkWorker => "Social prescribing link worker",
        UserRole.HealthCoach => "Health and wellbeing coach",
        UserRole.CareCoordinator => "Care coordinator",
        UserRole.VcseWorker => "VCSE worker",
        UserRole.BudgetOfficer => "Personal health budget officer",
        UserRole.Commissioner => "Commissioner",
        UserRole.Administrator => "Administrator",
        UserRole.Person => "Person or carer",
        UserRole.LinkWorkerManager => "Social prescribing team lead",
        _ => role.ToString(),
    };

    /// <summary>Where each kind of user lands after signing in.</summary>
    public static string HomePath(UserRole role) => role switch
    {
        UserRole.Person => "/me",
        UserRole.Administrator => "/admin",
        UserRole.Commissioner => "/figures",
        UserRole.VcseWorker => "/",
        UserRole.LinkWorkerManager => "/social-prescribing/team",
        _ => "/people",
    };
}
