using System.Globalization;
using Microsoft.AspNetCore.Cors;
using Microsoft.EntityFrameworkCore;
using Upcare.Data;

namespace Upcare.ServiceDirectory;

/// <summary>
/// The directory for other systems, on the Open Referral UK 3.0 API (../shared/reference/oruk-3.0/profile-openapi.json):
/// public, no key, any origin.
/// </summary>
public static class OrukApi
{
    public const string CorsPolicy = "oruk";
    private const int DefaultPerPage = 50;
    private const int MaxPerPage = 200;

    public static IEndpointRouteBuilder MapOrukApi(this IEndpointRouteBuilder app)
    {
        var oruk = app.MapGroup("/oruk").AllowAnonymous().RequireCors(CorsPolicy).WithTags("Open Referral UK");
        oruk.MapGet("/", () => Json(new OrukApiDetails("3.0", "https://github.com/openreferraluk/uk-profile", "/oruk/openapi.json")));
        oruk.MapGet("/services", async (HttpRequest request, OrukReader reader, CancellationToken ct) =>
            Parse(request, out var query, out var problem) ? Json(await reader.ServicesAsync(query, ct)) : problem!);
        oruk.MapGet("/services/{id:guid}", async (Guid id, OrukReader reader, CancellationToken ct) =>
            await reader.ServiceAsync(id, ct) is { } s ? Json(s) : NotFound("service", id));
        oruk.MapGet("/service_at_locations", async (HttpRequest request, OrukReader reader, CancellationToken ct) =>
            Parse(request, out var query, out var problem) ? Json(await reader.ServiceAtLocationsAsync(query, ct)) : problem!);
        oruk.MapGet("/service_at_locations/{id:guid}", async (Guid id, OrukReader reader, CancellationToken ct) =>
            await reader.ServiceAtLocationAsync(id, ct) is { } s ? Json(s) : NotFound("service_at_location", id));
        oruk.MapGet("/taxonomies", async (HttpRequest request, OrukReader reader, CancellationToken ct) =>
            Paging(request, out var page, out var perPage, out var problem) ? Json(await reader.TaxonomiesAsync(page, perPage, ct)) : problem!);
        oruk.MapGet("/taxonomies/{id:guid}", async (Guid id, OrukReader reader, CancellationToken ct) =>
            await reader.TaxonomyAsync(id, ct) is { } t ? Json(t) : NotFound("taxonomy", id));
        oruk.MapGet("/taxonomy_terms", async (HttpRequest request, OrukReader reader, CancellationToken ct) =>
            Paging(request, out var page, out var perPage, out var problem) ? Json(await reader.TaxonomyTermsAsync(page, perPage, ct)) : problem!);
        oruk.MapGet("/taxonomy_terms/{id:guid}", async (Guid id, OrukReader reader, CancellationToken ct) =>
            await reader.TaxonomyTermAsync(id, ct) is { } t ? Json(t) : NotFound("taxonomy_term", id));
        return app;
    }

    private static IResult Json(object value) => Results.Json(value, OrukJson.Options);

    private static IResult NotFound(string what, Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} with id {id}.");

    private static IResult BadRequest(string parameter, string detail) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [detail] }, title: "A query parameter is not valid");

    private static bool Paging(HttpRequest request, out int page, out int perPage, out IResult? problem)
    {
        page = 1;
        perPage = DefaultPerPage;
        problem = null;
        if (request.Query["page"] is { Count: > 0 } p && (!int.TryParse(p, out page) || page < 1))
        {
            problem = BadRequest("page", "page must be a whole number from 1");
            return false;
        }
        if (request.Query["per_page"] is { Count: > 0 } pp && (!int.TryParse(pp, out perPage) || perPage is < 1 or > MaxPerPage))
        {
            problem = BadRequest("per_page", $"per_page must be a whole number from 1 to {MaxPerPage}");
            return false;
        }
        return true;
    }

    /// <summary>The ORUK list query parameters; a malformed one is a 400 with the parameter named.</summary>
    private static bool Parse(HttpRequest request, out OrukQuery query, out IResult? problem)
    {
        query = new OrukQuery();
        if (!Paging(request, out var page, out var perPage, out problem))
        {
            return false;
        }
        var q = request.Query;
        query = query with { Page = page, PerPage = perPage, Search = q["search"].FirstOrDefault(), Postcode = q["postcode"].FirstOrDefault() };
        if (Guid(q, "taxonomy_term_id", out var term, ref problem)) query = query with { TaxonomyTermId = term }; else if (problem is not null) return false;
        if (Guid(q, "taxonomy_id", out var taxonomy, ref problem)) query = query with { TaxonomyId = taxonomy }; else if (problem is not null) return false;
        if (Int(q, "minimum_age", out var min, ref problem)) query = query with { MinimumAge = min }; else if (problem is not null) return false;
        if (Int(q, "maximum_age", out var max, ref problem)) query = query with { MaximumAge = max }; else if (problem is not null) return false;
        if (q["proximity"] is { Count: > 0 } prox)
        {
            if (!double.TryParse(prox, NumberStyles.Float, CultureInfo.InvariantCulture, out var metres) || metres <= 0)
            {
                problem = BadRequest("proximity", "proximity is a distance in metres, more than 0");
                return false;
            }
            query = query with { ProximityMetres = metres };
        }
        if (q["day"] is { Count: > 0 } day)
        {
            var d = OrukReader.DayCodes.FirstOrDefault(x => x.Code.Equals(day, StringComparison.OrdinalIgnoreCase) || x.Day.ToString().Equals(day, StringComparison.OrdinalIgnoreCase));
            if (d.Code is null)
            {
                problem = BadRequest("day", "day is a day of the week: MO, TU, WE, TH, FR, SA or SU");
                return false;
            }
            query = query with { Day = d.Day };
        }
        TimeOnly? start = null, end = null;
        foreach (var name in new[] { "start_time", "end_time" })
        {
            if (q[name] is { Count: > 0 } raw)
            {
                if (!TimeOnly.TryParse(raw, CultureInfo.InvariantCulture, out var t))
                {
                    problem = BadRequest(name, $"{name} is a time like 09:30");
                    return false;
                }
                if (name == "start_time")
                {
                    start = t;
                }
                else
                {
                    end = t;
                }
            }
        }
        query = query with { StartTime = start, EndTime = end };
        return true;
    }

    private static bool Guid(IQueryCollection q, string name, out Guid value, ref IResult? problem)
    {
        value = default;
        if (q[name] is not { Count: > 0 } raw)
        {
            return false;
        }
        if (System.Guid.TryParse(raw, out value))
        {
            return true;
        }
        problem = BadRequest(name, $"{name} must be a UUID");
        return false;
    }

    private static bool Int(IQueryCollection q, string name, out int value, ref IResult? problem)
    {
        value = default;
        if (q[name] is not { Count: > 0 } raw)
        {
            return false;
        }
        if (int.TryParse(raw, out value) && value >= 0)
        {
            return true;
        }
        problem = BadRequest(name, $"{name} must be a whole number of years");
        return false;
    }
}
