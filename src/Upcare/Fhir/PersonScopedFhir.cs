using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Upcare.Access;

namespace Upcare.Fhir;

/// <summary>
/// A resource type about one person (a plan, a goal, a questionnaire response): seen by whoever may see that person's
/// record on the pages — found in searches through the same filter, and read by id with the same decision (including
/// a clinician's break glass).
/// </summary>
public abstract class PersonScopedFhir<T> : FhirResourceType<T> where T : class
{
    /// <summary>Every row, with what the mapping needs included.</summary>
    protected abstract IQueryable<T> Rows(FhirRequest request);

    /// <summary>The person a row is about, as a query expression (it may look through to a parent row).</summary>
    protected abstract Expression<Func<T, Guid>> PersonIdOf(FhirRequest request);

    protected override IQueryable<T> Everything(FhirRequest request) => Rows(request);

    protected override IQueryable<T>? AboutOnly(IQueryable<T> rows, IQueryable<Guid> people, FhirRequest request)
    {
        var person = PersonIdOf(request);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], people.Expression, person.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, person.Parameters));
    }

    protected override IQueryable<T> Visible(FhirRequest request) =>
        AboutOnly(Rows(request), request.Access.Visible(request.Db.People).Select(p => p.Id), request)!;

    protected override async Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct)
    {
        var person = PersonIdOf(request);
        var found = await WithId(Rows(request), id).Select(Expression.Lambda<Func<T, Guid?>>(Expression.Convert(person.Body, typeof(Guid?)), person.Parameters)).FirstOrDefaultAsync(ct);
        return found is { } personId ? (await request.Access.DecideAsync(personId, AccessPurpose.Read, ct), personId) : (AccessDecision.NoSuchPerson, null);
    }

    /// <summary>A subject/patient search parameter for this type.</summary>
    protected FhirSearchParameter<T> ForPatient(string name, Func<IQueryable<T>, Guid, IQueryable<T>> where) =>
        new(name, Hl7.Fhir.Model.SearchParamType.Reference, "The person, as Patient/{id}", (rows, v) => where(rows, ReferenceId(v, "Patient")));
}
