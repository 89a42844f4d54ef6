using System.Globalization;
using Hl7.Fhir.Model;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.Fhir;

/// <summary>A FHIR error: the status code to answer with, the OperationOutcome issue type, and what went wrong.</summary>
public sealed class FhirException(int status, OperationOutcome.IssueType type, string message) : Exception(message)
{
    public int Status { get; } = status;
    public OperationOutcome.IssueType Type { get; } = type;

    public static FhirException BadRequest(string message) => new(400, OperationOutcome.IssueType.Invalid, message);
    public static FhirException Forbidden(string message) => new(403, OperationOutcome.IssueType.Forbidden, message);
    public static FhirException NotFound(string type, string id) => new(404, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known");
}

/// <summary>Who is asking and with what: the database, the access rules, and (for systems) the scopes granted.</summary>
public sealed class FhirRequest(UpcareDbContext db, PersonAccess access, IServiceProvider services, IReadOnlyList<string>? scopes, string baseUrl)
{
    public UpcareDbContext Db => db;
    public PersonAccess Access => access;
    public CurrentUser User => access.User;
    public IServiceProvider Services => services;

    /// <summary>The scopes of a system client; null for a signed-in person, whose role and relationships decide alone.</summary>
    public IReadOnlyList<string>? Scopes => scopes;

    public string BaseUrl => baseUrl;

    /// <summary>Refuses an action the client's scopes do not grant (c, r, u, d or s on the resource type).</summary>
    public void Demand(string resourceType, char action)
    {
        if (scopes is not null && !FhirScopes.Allows(scopes, resourceType, action))
        {
            throw FhirException.Forbidden($"The access token's scopes do not allow '{action}' on {resourceType}: ask for system/{resourceType}.{action}");
        }
    }
}

/// <summary>One search parameter of a resource type, declared once: it makes the query and is listed in the CapabilityStatement.</summary>
public sealed record FhirSearchParameter<T>(string Name, SearchParamType Type, string Documentation, Func<IQueryable<T>, string, IQueryable<T>> Apply)
{
    /// <summary>Its modifier-free name as written in a query (e.g. <c>_lastUpdated</c>).</summary>
    public string Name { get; } = Name;
}

/// <summary>One resource of a Bulk Data export and the person it is about (null for directory and reference data).</summary>
public sealed record ExportedResource(Resource Resource, Guid? PersonId);

/// <summary>A page of search results: the matches on this page, how many in all, and the resources they include.</summary>
public sealed record FhirPage(IReadOnlyList<Resource> Matches, int Total, IReadOnlyList<Resource> Included);

/// <summary>What the CapabilityStatement says of one resource type.</summary>
public sealed record FhirResourceCapability(string Type, string? Profile, bool Update, IReadOnlyList<(string Name, SearchParamType Type, string Documentation)> SearchParameters, IReadOnlyList<string> Includes)
{
    public bool Create { get; init; }
    public IReadOnlyList<string> RevIncludes { get; init; } = [];
}

/// <summary>
/// A resource type the FHIR API serves over Upcare's own tables: read by id, search by its declared parameters, and
/// update where that makes sense. The access rules are the pages' rules: only what the asker may see is ever found.
/// </summary>
public abstract class FhirResourceType
{
    public abstract string Type { get; }
    public abstract FhirResourceCapability Capability { get; }
    public abstract Task<Resource> ReadAsync(string id, FhirRequest request, CancellationToken ct);
    public abstract Task<FhirPage> SearchAsync(IReadOnlyList<(string Name, string Value)> query, int count, int offset, FhirRequest request, CancellationToken ct);

    public virtual Task<Resource> UpdateAsync(string id, Resource body, int? ifMatch, FhirRequest request, CancellationToken ct) =>
        throw new FhirException(405, OperationOutcome.IssueType.NotSupported, $"{Type} cannot be updated through this API");

    /// <summary>Creates a resource from a client's body; refused unless the type takes creates.</summary>
    public virtual Task<Resource> CreateAsync(Resource body, FhirRequest request, CancellationToken ct) =>
        throw new FhirException(405, OperationOutcome.IssueType.NotSupported, $"{Type} cannot be created through this API");

    /// <summary>
    /// The refusal for an asker who may not write this resource (<paramref name="id"/>, or a new one when null), decided
    /// before the body is read so the answer is the same whatever they send; null when the body decides.
    /// </summary>
    public virtual System.Threading.Tasks.Task<FhirException?> RefuseWriteAsync(string? id, FhirRequest request, CancellationToken ct) => System.Threading.Tasks.Task.FromResult<FhirException?>(null);

    /// <summary>Whether this type is about people (in the Patient compartment), so it goes into a Group export.</summary>
    public abstract bool AboutPeople { get; }

    /// <summary>
    /// Every resource of this type, for a Bulk Data export, streamed: rows are read from <paramref name="reading"/> while
    /// each batch is mapped through <paramref name="mapping"/> (a second context, as one connection cannot do both).
    /// With <paramref name="group"/>, only what is about those people.
    /// </summary>
    public abstract IAsyncEnumerable<ExportedResource> ExportAsync(FhirRequest reading, FhirRequest mapping, IQueryable<Guid>? group, CancellationToken ct);

    /// <summary>The resource types the API serves, the one list the routes and the CapabilityStatement both use.</summary>
    public static FhirResourceType[] All(IServiceProvider services) => services.GetServices<FhirResourceType>().ToArray();

    /// <summary>A reference parameter's id: <c>Patient/{id}</c> or a bare id.</summary>
    protected static Guid ReferenceId(string value, string type)
    {
        var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
        return Guid.TryParse(id, out var guid) ? guid : throw FhirException.BadRequest($"'{value}' is not a reference to a {type} on this server ({type}/id)");
    }

    /// <summary>A token parameter: <c>system|code</c>, <c>|code</c> or <c>code</c>; the system must be the one expected when given.</summary>
    protected static string TokenCode(string value, string? system)
    {
        var bar = value.IndexOf('|');
        if (bar < 0)
        {
            return value;
        }
        if (bar > 0 && system is not null && value[..bar] != system)
        {
            throw FhirException.BadRequest($"Only identifiers in {system} can be searched for here");
        }
        return value[(bar + 1)..];
    }

    /// <summary>A date search parameter over one column: the value's prefix (gt, ge, lt, le, eq) becomes the comparison.</summary>
    protected static FhirSearchParameter<TRow> DateParameter<TRow, TDate>(string name, string documentation, System.Linq.Expressions.Expression<Func<TRow, TDate>> at) =>
        new(name, SearchParamType.Date, $"{documentation}, with a prefix: gt, ge, lt, le or eq", (rows, v) =>
        {
            var (prefix, instant) = DatePrefix(v);
            // Through a closure, so the database sees a parameter rather than a new literal each time.
            System.Linq.Expressions.Expression<Func<DateTime>> boxed = () => instant;
            var left = at.Body;
            var right = left.Type == typeof(DateTime) ? boxed.Body : System.Linq.Expressions.Expression.Convert(boxed.Body, left.Type);
            var compare = prefix switch
            {
                "gt" => System.Linq.Expressions.Expression.GreaterThan(left, right),
                "ge" => System.Linq.Expressions.Expression.GreaterThanOrEqual(left, right),
                "lt" => System.Linq.Expressions.Expression.LessThan(left, right),
                "le" => System.Linq.Expressions.Expression.LessThanOrEqual(left, right),
                _ => System.Linq.Expressions.Expression.Equal(left, right),
            };
            return rows.Where(System.Linq.Expressions.Expression.Lambda<Func<TRow, bool>>(compare, at.Parameters));
        });

    /// <summary>A date search value with its prefix (eq, gt, ge, lt, le), as the instant it starts from and its comparison.</summary>
    protected static (string Prefix, DateTime At) DatePrefix(string value)
    {
        var prefix = value.Length > 2 && char.IsLetter(value[0]) ? value[..2] : "eq";
        var text = prefix == "eq" && !char.IsLetter(value[0]) ? value : value[2..];
        if (prefix is not ("eq" or "gt" or "ge" or "lt" or "le")
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            throw FhirException.BadRequest($"'{value}' is not a date search: use a prefix (gt, ge, lt, le, eq) and an ISO date or date-time, e.g. gt2026-11-01T09:00:00Z");
        }
        return (prefix, at.UtcDateTime);
    }
}

/// <summary>A resource type over one table: finds, filters and pages rows the asker may see, then maps them to FHIR.</summary>
public abstract class FhirResourceType<T> : FhirResourceType where T : class
{
    protected abstract IReadOnlyList<FhirSearchParameter<T>> Parameters { get; }
    protected virtual IReadOnlyList<string> Includes => [];

    /// <summary>Resources of other types that point at these and can come with them (<c>_revinclude</c>).</summary>
    protected virtual IReadOnlyList<string> RevIncludes => [];
    protected virtual string? Profile => null;
    protected virtual bool CanUpdate => false;
    protected virtual bool CanCreate => false;

    /// <summary>The rows the asker may see (the pages' rules); systems and people see no more than their role allows.</summary>
    protected abstract IQueryable<T> Visible(FhirRequest request);
    protected abstract IQueryable<T> WithId(IQueryable<T> rows, Guid id);
    protected abstract IQueryable<T> InOrder(IQueryable<T> rows);
    protected abstract Task<IReadOnlyList<Resource>> ToFhirAsync(IReadOnlyList<T> rows, FhirRequest request, CancellationToken ct);

    /// <summary>Rows already found (and audited) as this type's resources, for another type's <c>_include</c>.</summary>
    public Task<IReadOnlyList<Resource>> ToResourcesAsync(IReadOnlyList<T> rows, FhirRequest request, CancellationToken ct) => ToFhirAsync(rows, request, ct);

    /// <summary>Every row, for a read the asker is allowed outside their usual list (a clinician's break glass).</summary>
    protected abstract IQueryable<T> Everything(FhirRequest request);

    /// <summary>
    /// For a row not among those the asker usually sees: whether it exists, whether they may see it all the same, and
    /// the person it is about (for the audit entry either way).
    /// </summary>
    protected abstract Task<(AccessDecision Decision, Guid? PersonId)> DecideAsync(Guid id, FhirRequest request, CancellationToken ct);

    /// <summary>
    /// True where the pages answer someone with no part as if the row did not exist (a community referral): the refusal
    /// is audited, and the answer is the unknown id's, so nothing tells the asker it exists.
    /// </summary>
    protected virtual bool RefusedAsNotFound => false;

    /// <summary>The person a row is about, for the audit trail.</summary>
    protected abstract Guid? PersonOf(T row);

    /// <summary>The resources an <c>_include</c> or <c>_revinclude</c> brings for these rows.</summary>
    protected virtual Task<IReadOnlyList<Resource>> IncludeAsync(string include, IReadOnlyList<T> rows, FhirRequest request, CancellationToken ct) =>
        throw FhirException.BadRequest($"_include={include} is not supported on {Type}");

    /// <summary>Every type's <c>_id</c>, then its own parameters.</summary>
    private IEnumerable<FhirSearchParameter<T>> AllParameters =>
        Parameters.Prepend(new FhirSearchParameter<T>("_id", SearchParamType.Token, $"The {Type}'s id on this server", (rows, v) => WithId(rows, ReferenceId(v, Type))));

    public override FhirResourceCapability Capability =>
        new(Type, Profile, CanUpdate, [.. AllParameters.Select(p => (p.Name, p.Type, p.Documentation))], Includes) { Create = CanCreate, RevIncludes = RevIncludes };

    public override async Task<Resource> ReadAsync(string text, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 'r');
        var id = Guid.TryParse(text, out var guid) ? guid : throw FhirException.NotFound(Type, text);
        var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(WithId(Visible(request), id), ct);
        var route = $"GET /fhir/{Type}/{{id}}";
        var breakGlass = false;
        if (row is null)
        {
            var (decision, person) = await DecideAsync(id, request, ct);
            if (!decision.PersonExists)
            {
                throw FhirException.NotFound(Type, id.ToString());
            }
            if (!decision.Allowed)
            {
                await request.Access.RecordAsync(person, "fhir-read", route, AuditOutcome.Refused, $"{Type}: {decision.Reason}");
                throw RefusedAsNotFound ? FhirException.NotFound(Type, id.ToString()) : FhirException.Forbidden(decision.Reason);
            }
            row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(WithId(Everything(request), id), ct)
                ?? throw FhirException.NotFound(Type, id.ToString());
            breakGlass = decision.BreakGlass;
        }
        // Reads about a person are audited like a page read; directory and organisation reads are public information.
        if (PersonOf(row) is { } personId)
        {
            await request.Access.RecordAsync(personId, "fhir-read", route, AuditOutcome.Allowed, $"{Type}/{id}", breakGlass);
        }
        return (await ToFhirAsync([row], request, ct))[0];
    }

    public override async Task<FhirPage> SearchAsync(IReadOnlyList<(string Name, string Value)> query, int count, int offset, FhirRequest request, CancellationToken ct)
    {
        request.Demand(Type, 's');
        var rows = Visible(request);
        var includes = new List<string>();
        foreach (var (name, value) in query)
        {
            if (name is "_include" or "_revinclude")
            {
                var supported = name == "_include" ? Includes : RevIncludes;
                includes.Add(supported.Contains(value) ? value : throw FhirException.BadRequest($"{name}={value} is not supported on {Type}; supported: {(supported.Count == 0 ? "none" : string.Join(", ", supported))}"));
                continue;
            }
            var parameter = AllParameters.FirstOrDefault(p => p.Name == name)
                ?? throw FhirException.BadRequest($"{Type} cannot be searched by '{name}'; it can be searched by {string.Join(", ", AllParameters.Select(p => p.Name))}");
            // A comma is "or" in FHIR search; each value narrows the same way.
            var values = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0)
            {
                throw FhirException.BadRequest($"{name} needs a value");
            }
            rows = values.Length == 1 ? parameter.Apply(rows, values[0]) : values.Select(v => parameter.Apply(rows, v)).Aggregate(Queryable.Union);
        }
        var total = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(rows, ct);
        var page = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(InOrder(rows).Skip(offset).Take(count), ct);
        foreach (var person in page.Select(PersonOf).Where(p => p is not null).Distinct())
        {
            await request.Access.RecordAsync(person, "fhir-search", $"GET /fhir/{Type}", AuditOutcome.Allowed, $"{Type} in search results");
        }
        var included = new List<Resource>();
        foreach (var include in includes.Distinct())
        {
            included.AddRange(await IncludeAsync(include, page, request, ct));
        }
        return new FhirPage(await ToFhirAsync(page, request, ct), total, included);
    }

    /// <summary>Narrows rows to those about the given people; null for types not about people.</summary>
    protected abstract IQueryable<T>? AboutOnly(IQueryable<T> rows, IQueryable<Guid> people, FhirRequest request);

    public override bool AboutPeople => true;

    public override async IAsyncEnumerable<ExportedResource> ExportAsync(FhirRequest reading, FhirRequest mapping, IQueryable<Guid>? group,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rows = Everything(reading);
        if (group is not null)
        {
            if (AboutOnly(rows, group, reading) is not { } narrowed)
            {
                yield break;
            }
            rows = narrowed;
        }
        var batch = new List<T>(ExportBatch);
        await foreach (var row in Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsAsyncEnumerable(rows).WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count == ExportBatch)
            {
                foreach (var exported in await ExportBatchAsync(batch, mapping, ct))
                {
                    yield return exported;
                }
                batch.Clear();
            }
        }
        foreach (var exported in await ExportBatchAsync(batch, mapping, ct))
        {
            yield return exported;
        }
    }

    /// <summary>A batch mapped one resource a row, each with the person it is about, so the export can audit each person.</summary>
    private async Task<IEnumerable<ExportedResource>> ExportBatchAsync(List<T> batch, FhirRequest mapping, CancellationToken ct)
    {
        var resources = await ToFhirAsync(batch, mapping, ct);
        if (resources.Count != batch.Count)
        {
            throw new InvalidOperationException($"{Type} mapped {batch.Count} rows to {resources.Count} resources; an export needs one a row");
        }
        return batch.Zip(resources, (row, resource) => new ExportedResource(resource, PersonOf(row)));
    }

    private const int ExportBatch = 2000;

    /// <summary>NHS numbers for the people of a page of rows, in one query.</summary>
    protected static Task<Dictionary<Guid, string>> NhsNumbersAsync(IEnumerable<Guid> people, FhirRequest request, CancellationToken ct)
    {
        var ids = people.Distinct().ToList();
        return Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(request.Db.People).Where(p => ids.Contains(p.Id)), p => p.Id, p => p.NhsNumber, ct);
    }

    /// <summary>The version as FHIR writes it.</summary>
    protected static Meta MetaOf(int version, DateTime updated, string? profile) => new()
    {
        VersionId = version.ToString(CultureInfo.InvariantCulture),
        LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)),
        Profile = profile is null ? [] : [profile],
    };
}
