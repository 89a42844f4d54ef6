namespace Upcare.ServiceUse;

/// <summary>A kind of contact with NHS services that social prescribing hopes to change.</summary>
public enum ServiceUseKind
{
    GpAppointment,
    AandEAttendance,
    EmergencyAdmission,
}

/// <summary>
/// One contact a person had with the GP or hospital, from activity another system holds (imported as CSV), so
/// commissioners can compare use of services before a social prescribing referral and after discharge.
/// </summary>
public class ServiceUseEvent
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public ServiceUseKind Kind { get; set; }
    public DateOnly On { get; set; }

    /// <summary>Where it came from (the import's source name) and that system's id for it: the pair is unique, so re-importing a file adds nothing twice.</summary>
    public string Source { get; set; } = "";
    public string RecordId { get; set; } = "";
}
