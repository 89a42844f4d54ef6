namespace Upcare.Pages.Shared;

/// <summary>A group of checkboxes in the NHS.UK pattern: the field's name, its question, an optional hint, the choices and which are ticked.</summary>
public sealed record CheckboxGroup(string Name, string Legend, string? Hint, IEnumerable<(string Value, string Label)> Items, IReadOnlyCollection<string> Chosen, string? Error);
