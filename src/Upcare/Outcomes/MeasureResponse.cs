namespace Upcare.Outcomes;

/// <summary>Where a response stands. A completed response never changes; a correction is a new response that supersedes it.</summary>
public enum ResponseStatus
{
    InProgress,
    Completed,
    Superseded,
}

/// <summary>Who filled it in: the person on their own pages, or a practitioner with them in a conversation.</summary>
public enum CompletionMode
{
    SelfCompleted,
    WithPractitioner,
}

/// <summary>One person's answers to one instrument, and once completed, its scores.</summary>
public class MeasureResponse
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public string InstrumentVersion { get; set; } = "";
    public Guid? RequestId { get; set; }
    public ResponseStatus Status { get; set; }
    public CompletionMode Mode { get; set; }
    public Guid? StartedByUserId { get; set; }

    /// <summary>For collaboRATE: the clinician the encounter was with.</summary>
    public Guid? AboutClinicianUserId { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    /// <summary>The completed response this one corrects.</summary>
    public Guid? SupersedesId { get; set; }

    /// <summary>Flags for a human, e.g. PHQ-9 item 9; empty when none.</summary>
    public string? Flags { get; set; }

    /// <summary>Bumped on every save, so two saves of the same response cannot both complete it.</summary>
    public int Version { get; set; }

    public List<MeasureAnswer> Answers { get; set; } = [];
    public List<MeasureScore> Scores { get; set; } = [];
}

/// <summary>One answer in a response.</summary>
public class MeasureAnswer
{
    public Guid Id { get; set; }
    public Guid ResponseId { get; set; }
    public string ItemCode { get; set; } = "";
    public decimal? Value { get; set; }
    public string? Text { get; set; }
}

/// <summary>One score of a completed response, with its band.</summary>
public class MeasureScore
{
    public Guid Id { get; set; }
    public Guid ResponseId { get; set; }
    public string Code { get; set; } = "";
    public string Label { get; set; } = "";
    public decimal Value { get; set; }
    public string? Band { get; set; }
}

/// <summary>Where a request for a questionnaire stands.</summary>
public enum RequestStatus
{
    Due,
    Completed,
    Cancelled,
}

/// <summary>A practitioner asking a person to complete an instrument by a date, optionally again every few months.</summary>
public class MeasureRequest
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public Guid RequestedByUserId { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateOnly DueOn { get; set; }

    /// <summary>When set, completing this request makes the next one, due this many months later.</summary>
    public int? RepeatEveryMonths { get; set; }

    public RequestStatus Status { get; set; }
    public Guid? ResponseId { get; set; }
}

/// <summary>Something in a response a practitioner must act on, until one of them acknowledges it.</summary>
public class MeasureAlert
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ResponseId { get; set; }
    public string InstrumentCode { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedByUserId { get; set; }
}
