namespace Upcare.Coaching;

/// <summary>One health coaching session: what was talked about, the person's own goals, and the next steps.</summary>
public class CoachingSession
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid CoachUserId { get; set; }
    public string CoachName { get; set; } = "";
    public int Number { get; set; }
    public DateOnly On { get; set; }
    public string Notes { get; set; } = "";
    public string PersonGoals { get; set; } = "";
    public string NextSteps { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A goal the person sets themselves, in their words.</summary>
public class SelfManagementGoal
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? MetAt { get; set; }
}

/// <summary>What a diary entry records.</summary>
public enum DiaryKind
{
    /// <summary>Minutes walked that day.</summary>
    Walked,

    /// <summary>A blood glucose reading in mmol/L.</summary>
    BloodGlucose,

    /// <summary>Mood from 1 (very low) to 5 (very good).</summary>
    Mood,

    Note,
}

/// <summary>One entry in the person's own diary.</summary>
public class DiaryEntry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateOnly On { get; set; }
    public DiaryKind Kind { get; set; }
    public decimal? Value { get; set; }
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>What the person lets their health coach see of their own goals and diary (nothing until they choose).</summary>
public class CoachSharing
{
    public Guid PersonId { get; set; }
    public bool Goals { get; set; }
    public bool Diary { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Local rules of health coaching (section Upcare:Coaching).</summary>
public sealed class CoachingOptions
{
    /// <summary>The most sessions in one course of coaching.</summary>
    public int MaxSessions { get; set; } = 6;
}
