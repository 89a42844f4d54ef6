using Upcare.Access;

namespace Upcare.Fhir;

/// <summary>
/// A resource type that is public information (organisations, the directory of community services): any signed-in
/// user or system with the scope may read and search all of it, as anyone may on the directory's pages.
/// </summary>
public abstract class PublicFhir<T> : FhirResourceType<T> where T : class
{
    protected abstract IQueryable<T> Rows(FhirRequest request);
    protected override IQueryable<T> Visible(FhirRequest request) => Rows(request);
    protected override IQueryable<T> Everything(FhirRequest request) => Rows(request);
    protected override Guid? PersonOf(T row) => null;
    public override bool AboutPeople => false;
    protected override IQueryable<T>? AboutOnly(IQueryable<T> rows, IQueryable<Guid> people, FhirRequest request) => null;

    protected override Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct) =>
        Task.FromResult<(AccessDecision, Guid?)>((AccessDecision.NoSuchPerson, null));

}
