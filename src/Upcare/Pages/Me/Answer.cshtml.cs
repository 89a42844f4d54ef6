using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Outcomes;
using Upcare.Pages.Outcomes;

namespace Upcare.Pages.Me;

/// <summary>A person answering a questionnaire on their own pages.</summary>
[Authorize(Policy = AccessPolicies.ChangeOwnRecord)]
public class AnswerModel(OutcomeService outcomes, CurrentUser user) : AnswerPageModel(outcomes)
{
    protected override Guid PersonId => user.PersonId!.Value;
    protected override string PageUrl => $"/me/questionnaires/{ResponseId}";
    protected override string DoneUrl => $"/me/measures/{Answering.InstrumentCode}";
    protected override string LaterUrl => "/me/questionnaires";
}
