using Upcare.Organisations;
using Upcare.People;

namespace Upcare.Pages.Shared;

/// <summary>What the shared record partial shows: the record, the person's practice, and whether to offer changes.</summary>
public sealed record PersonRecordView(Person Person, Organisation? Practice, DateOnly Today, bool CanChange);
