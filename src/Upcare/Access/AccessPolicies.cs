using Microsoft.AspNetCore.Authorization;

namespace Upcare.Access;

/// <summary>
/// The named rules a page or endpoint must declare (with <c>[Authorize(Policy = …)]</c>, or <c>[AllowAnonymous]</c>
/// for the few public pages). A test walks every endpoint and fails on one that declares neither.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any signed-in user: pages with no one's personal data (the organisations list).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Staff who work with named people: search (filtered to whom they may see) and add people.</summary>
    public const string FindPeople = "find-people";

    /// <summary>Staff reading one person's record (route value <c>id</c>), through a care relationship or break glass.</summary>
    public const string ReadPersonRecord = "person-record-read";

    /// <summary>Staff changing one person's record (route value <c>id</c>).</summary>
    public const string ChangePersonRecord = "person-record-write";

    /// <summary>Clinicians asking for emergency access to a record they have no relationship with.</summary>
    public const string BreakGlass = "break-glass";

    /// <summary>A person reading their own record (no id in the route) or, as a carer, a record shared with them (route value <c>id</c>).</summary>
    public const string OwnOrSharedRecord = "own-record-read";

    /// <summary>A person changing their own record and who may see it.</summary>
    public const string ChangeOwnRecord = "own-record-write";

    /// <summary>Clinicians only, for what is about their own practice (their collaboRATE results).</summary>
    public const string Clinicians = "clinicians";

    /// <summary>VCSE workers: their own organisation's services in the directory.</summary>
    public const string OwnServices = "own-services";

    /// <summary>Link workers: the social prescribing caseload and the new referrals to their PCN.</summary>
    public const string LinkWorkers = "link-workers";

    /// <summary>Social prescribing team leads: their link workers' caseloads, and reassigning people between them.</summary>
    public const string LinkWorkerManagers = "link-worker-managers";

    /// <summary>Health coaches: their coaching caseload.</summary>
    public const string HealthCoaches = "health-coaches";

    /// <summary>Peer support organisers (VCSE workers and health coaches): the groups they run.</summary>
    public const string PeerSupportOrganisers = "peer-support-organisers";

    /// <summary>Administrators: accounts, caseloads and the audit trail.</summary>
    public const string Administration = "administration";

    /// <summary>Commissioners: aggregate figures, never a named record.</summary>
    public const string Figures = "figures";

    /// <summary>
    /// The FHIR API: any signed-in user or any system with an access token from the SMART token endpoint; what each may
    /// read or change is then decided per resource, by the same relationship and party rules as the pages.
    /// </summary>
    public const string FhirClients = "fhir-clients";

    /// <summary>Which roles each policy lets in (relationship checks come on top for the record policies).</summary>
    public static readonly IReadOnlyDictionary<string, UserRole[]> Roles = new Dictionary<string, UserRole[]>
    {
        [SignedIn] = Enum.GetValues<UserRole>(),
        [FindPeople] = UserRoles.WorkingWithPeople,
        [ReadPersonRecord] = UserRoles.WorkingWithPeople,
        [ChangePersonRecord] = UserRoles.WorkingWithPeople,
        [BreakGlass] = [UserRole.Clinician],
        [Clinicians] = [UserRole.Clinician],
        [OwnServices] = [UserRole.VcseWorker],
        [LinkWorkers] = [UserRole.LinkWorker],
        [LinkWorkerManagers] = [UserRole.LinkWorkerManager],
        [HealthCoaches] = [UserRole.HealthCoach],
        [PeerSupportOrganisers] = [UserRole.VcseWorker, UserRole.HealthCoach],
        [OwnOrSharedRecord] = [UserRole.Person],
        [ChangeOwnRecord] = [UserRole.Person],
        [Administration] = [UserRole.Administrator],
        [Figures] = [UserRole.Commissioner],
        [FhirClients] = Enum.GetValues<UserRole>(),
    };

    /// <summary>The policies whose endpoints concern one person's record, and what they do with it.</summary>
    public static readonly IReadOnlyDictionary<string, AccessPurpose> PersonRecord = new Dictionary<string, AccessPurpose>
    {
        [ReadPersonRecord] = AccessPurpose.Read,
        [ChangePersonRecord] = AccessPurpose.Write,
        [OwnOrSharedRecord] = AccessPurpose.Read,
        [ChangeOwnRecord] = AccessPurpose.Write,
    };

    public static void Add(AuthorizationOptions options)
    {
        // Don't ask the database about relationships once the role has already failed.
        options.InvokeHandlersAfterFailure = false;
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, policy =>
            {
                policy.RequireAuthenticatedUser();
                policy.AddRequirements(new RoleRequirement(roles));
                if (PersonRecord.TryGetValue(name, out var purpose))
                {
                    policy.AddRequirements(new PersonRecordRequirement(purpose));
                }
            });
        }
    }
}
