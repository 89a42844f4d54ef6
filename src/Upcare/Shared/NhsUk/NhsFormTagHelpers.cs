using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Upcare.Shared.NhsUk;

/// <summary>Shared parts of the NHS.UK form tag helpers: names, ids, values and error messages from ModelState.</summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    protected static readonly HtmlEncoder Enc = HtmlEncoder.Default;

    [HtmlAttributeNotBound, ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";
    public string? Hint { get; set; }

    /// <summary>Renders the label as the page heading (one question per page).</summary>
    public bool IsPageHeading { get; set; }

    protected string Name => For.Name;
    protected string Id => NhsIds.For(For.Name);

    protected string? Error => ErrorFor(ViewContext, Name);

    protected string? Value
    {
        get
        {
            if (ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null)
            {
                return entry.AttemptedValue;
            }
            return For.Model switch
            {
                null => null,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                var m => m.ToString(),
            };
        }
    }

    internal static string? ErrorFor(ViewContext context, string key) => context.ViewData.ModelState.FirstError(key);

    protected static string E(string? s) => Enc.Encode(s ?? "");

    protected string DescribedBy(bool hasHint, bool hasError) =>
        string.Join(' ', new[] { hasHint ? Id + "-hint" : null, hasError ? Id + "-error" : null }.Where(x => x is not null));

    protected string HintHtml => Hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{Id}-hint\">{E(Hint)}</div>";

    protected static string ErrorHtml(string id, string? error) => error is null ? "" :
        $"<span class=\"nhsuk-error-message\" id=\"{id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error: </span>{E(error)}</span>";

    protected string LabelHtml()
    {
        var label = $"<label class=\"nhsuk-label{(IsPageHeading ? " nhsuk-label--l" : "")}\" for=\"{Id}\">{E(Label)}</label>";
        return IsPageHeading ? $"<h1 class=\"nhsuk-label-wrapper\">{label}</h1>" : label;
    }

    protected string LegendHtml() => IsPageHeading
        ? $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--l\"><h1 class=\"nhsuk-fieldset__heading\">{E(Label)}</h1></legend>"
        : $"<legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>";

    protected static void Render(TagHelperOutput output, string html)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(new HtmlString(html));
    }

    protected static string GroupClass(string? error) => error is null ? "nhsuk-form-group" : "nhsuk-form-group nhsuk-form-group--error";
}

/// <summary>Turns a ModelState key into the id of the field it belongs to ("Input.NhsNumber" → "Input_NhsNumber").</summary>
public static class NhsIds
{
    public static string For(string name) => TagBuilder.CreateSanitizedId(name, "_");
}

/// <summary><c>&lt;nhs-input asp-for label hint width type autocomplete&gt;</c>: a text input with label, hint and error.</summary>
[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    public int? Width { get; set; }
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }
    public string? Inputmode { get; set; }
    public bool Spellcheck { get; set; } = true;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var error = Error;
        var describedBy = DescribedBy(Hint is not null, error is not null);
        var classes = "nhsuk-input" + (Width is { } w ? $" nhsuk-input--width-{w}" : "") + (error is null ? "" : " nhsuk-input--error");
        var html = LabelHtml() + HintHtml + ErrorHtml(Id, error) +
            $"<input class=\"{classes}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{E(Type)}\" value=\"{(Type == "password" ? "" : E(Value))}\"" +
            (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"") +
            (Inputmode is null ? "" : $" inputmode=\"{E(Inputmode)}\"") +
            (Spellcheck ? "" : " spellcheck=\"false\"") +
            (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + ">";
        Render(output, html);
        output.Attributes.SetAttribute("class", GroupClass(error));
    }
}

/// <summary><c>&lt;nhs-textarea asp-for label hint rows&gt;</c>.</summary>
[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var error = Error;
        var describedBy = DescribedBy(Hint is not null, error is not null);
        var html = LabelHtml() + HintHtml + ErrorHtml(Id, error) +
            $"<textarea class=\"nhsuk-textarea{(error is null ? "" : " nhsuk-textarea--error")}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"" +
            (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + $">{E(Value)}</textarea>";
        Render(output, html);
        output.Attributes.SetAttribute("class", GroupClass(error));
    }
}

/// <summary><c>&lt;nhs-select asp-for label items&gt;</c>: a select list; an empty first option when <c>empty-text</c> is set.</summary>
[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public string? EmptyText { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var error = Error;
        var value = Value;
        var describedBy = DescribedBy(Hint is not null, error is not null);
        var options = (EmptyText is null ? "" : $"<option value=\"\">{E(EmptyText)}</option>") +
            string.Concat(Items.Select(i => $"<option value=\"{E(i.Value)}\"{(i.Value == value ? " selected" : "")}>{E(i.Text)}</option>"));
        var html = LabelHtml() + HintHtml + ErrorHtml(Id, error) +
            $"<select class=\"nhsuk-select{(error is null ? "" : " nhsuk-select--error")}\" id=\"{Id}\" name=\"{E(Name)}\"" +
            (describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "") + $">{options}</select>";
        Render(output, html);
        output.Attributes.SetAttribute("class", GroupClass(error));
    }
}

/// <summary><c>&lt;nhs-radios asp-for label items inline&gt;</c>: one choice from a few.</summary>
[HtmlTargetElement("nhs-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsRadiosTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public bool Inline { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var error = Error;
        var value = Value;
        var describedBy = DescribedBy(Hint is not null, error is not null);
        var items = Items.Select((item, i) =>
        {
            var id = i == 0 ? Id : $"{Id}-{i + 1}";
            return $"<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"radio\" value=\"{E(item.Value)}\"{(item.Value == value ? " checked" : "")}>" +
                $"<label class=\"nhsuk-label nhsuk-radios__label\" for=\"{id}\">{E(item.Text)}</label></div>";
        });
        var html = $"<fieldset class=\"nhsuk-fieldset\"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>" +
            LegendHtml() + HintHtml + ErrorHtml(Id, error) +
            $"<div class=\"nhsuk-radios{(Inline ? " nhsuk-radios--inline" : "")}\" data-module=\"nhsuk-radios\">{string.Concat(items)}</div></fieldset>";
        Render(output, html);
        output.Attributes.SetAttribute("class", GroupClass(error));
    }
}

/// <summary><c>&lt;nhs-date-input asp-for label hint&gt;</c>: day, month and year boxes bound to a <see cref="DateParts"/>.</summary>
[HtmlTargetElement("nhs-date-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsDateInputTagHelper : NhsFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var error = Error;
        var parts = For.Model as DateParts;
        var describedBy = DescribedBy(Hint is not null, error is not null);
        string Part(string part, string label, string? modelValue, int width, bool first)
        {
            var name = $"{Name}.{part}";
            var value = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : modelValue;
            // The day box takes the field's own id, so the error summary's link lands on it.
            var id = first ? Id : $"{Id}_{part}";
            return $"<div class=\"nhsuk-date-input__item\"><div class=\"{GroupClass(error)}\">" +
                $"<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"{id}\">{label}</label>" +
                $"<input class=\"nhsuk-input{(error is null ? "" : " nhsuk-input--error")} nhsuk-input--width-{width} nhsuk-date-input__input\" id=\"{id}\" name=\"{E(name)}\" type=\"text\" inputmode=\"numeric\" value=\"{E(value)}\"></div></div>";
        }
        var html = $"<fieldset class=\"nhsuk-fieldset\" role=\"group\"{(describedBy.Length > 0 ? $" aria-describedby=\"{describedBy}\"" : "")}>" +
            LegendHtml() + HintHtml + ErrorHtml(Id, error) +
            $"<div class=\"nhsuk-date-input\" id=\"{Id}-group\">" +
            Part("Day", "Day", parts?.Day, 2, true) + Part("Month", "Month", parts?.Month, 2, false) + Part("Year", "Year", parts?.Year, 4, false) +
            "</div></fieldset>";
        Render(output, html);
        output.Attributes.SetAttribute("class", GroupClass(error));
    }
}

/// <summary><c>&lt;nhs-checkbox asp-for label hint&gt;</c>: one yes/no checkbox bound to a bool.</summary>
[HtmlTargetElement("nhs-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxTagHelper : NhsFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var isChecked = Value is "true" or "True";
        var html = $"<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"{Id}\" name=\"{E(Name)}\" type=\"checkbox\" value=\"true\"{(isChecked ? " checked" : "")}" +
            (Hint is null ? "" : $" aria-describedby=\"{Id}-hint\"") + ">" +
            $"<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"{Id}\">{E(Label)}</label>" +
            (Hint is null ? "" : $"<div class=\"nhsuk-hint nhsuk-checkboxes__hint\" id=\"{Id}-hint\">{E(Hint)}</div>") + "</div>";
        Render(output, html);
        output.Attributes.SetAttribute("class", "nhsuk-checkboxes");
    }
}

/// <summary><c>&lt;nhs-error-summary /&gt;</c>: "There is a problem", linking to each field with an error, in page order.</summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsErrorSummaryTagHelper : TagHelper
{
    [HtmlAttributeNotBound, ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var modelState = ViewContext.ViewData.ModelState;
        if (modelState.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        var order = (ViewContext.ViewData.Model as UpcarePageModel)?.ErrorOrder ?? [];
        var keys = order.Concat(modelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid).Select(e => e.Key))
            .Distinct()
            .Where(k => modelState.TryGetValue(k, out var e) && e?.Errors.Count > 0);
        var items = keys.Select(k =>
        {
            var message = NhsFieldTagHelper.ErrorFor(ViewContext, k)!;
            var id = NhsIds.For(k.EndsWith(".Day", StringComparison.Ordinal) || k.EndsWith(".Month", StringComparison.Ordinal) || k.EndsWith(".Year", StringComparison.Ordinal) ? k[..k.LastIndexOf('.')] : k);
            return k.Length == 0
                ? $"<li>{HtmlEncoder.Default.Encode(message)}</li>"
                : $"<li><a href=\"#{id}\">{HtmlEncoder.Default.Encode(message)}</a></li>";
        });
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-error-summary");
        output.Attributes.SetAttribute("data-module", "nhsuk-error-summary");
        output.Content.SetHtmlContent(new HtmlString(
            "<div role=\"alert\"><h2 class=\"nhsuk-error-summary__heading\">There is a problem</h2>" +
            $"<div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">{string.Concat(items)}</ul></div></div>"));
    }
}
