using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.Authorization;
using Upcare.Access;
using Upcare.Data;

namespace Upcare.Fhir;

/// <summary>
/// The FHIR R4 API at <c>/fhir</c>: the CapabilityStatement, read, search and update over the registered resource types,
/// SMART Backend Services' token endpoint and discovery document. Answers are FHIR JSON; errors are OperationOutcomes.
/// </summary>
public static class FhirApi
{
    public const string MediaType = "application/fhir+json";
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR R4");
        fhir.MapGet("/metadata", (HttpContext http) => Answer(http, Capabilities(http), 200)).AllowAnonymous();
        fhir.MapGet("/.well-known/smart-configuration", (HttpContext http) => Results.Json(new
        {
            token_endpoint = TokenEndpoint(http),
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            token_endpoint_auth_signing_alg_values_supported = new[] { "RS384", "ES384" },
            grant_types_supported = new[] { "client_credentials" },
            scopes_supported = FhirResourceType.All(http.RequestServices).Select(t => t.Capability)
                .Select(c => $"system/{c.Type}.{(c.Create ? "c" : "")}r{(c.Update ? "u" : "")}s").Prepend("system/*.rs"),
            capabilities = new[] { "client-confidential-asymmetric" },
        })).AllowAnonymous();
        fhir.MapPost("/auth/token", TokenAsync).AllowAnonymous().DisableAntiforgery();

        // Bulk Data export: kick-off, status (and cancel), files.
        fhir.MapGet("/$export", (HttpContext http, BulkExports exports, CancellationToken ct) => Handle(http, async _ =>
                Accepted(http, await exports.KickOffAsync(http, BaseUrl(http), FhirResourceType.All(http.RequestServices), null, ct))))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapGet("/Group/{id}/$export", (string id, HttpContext http, BulkExports exports, CancellationToken ct) => Handle(http, async _ =>
                Accepted(http, await exports.KickOffAsync(http, BaseUrl(http), FhirResourceType.All(http.RequestServices),
                    Guid.TryParse(id, out var group) ? group : throw FhirException.NotFound("Group", id), ct))))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapGet("/$export-status/{id:guid}", (Guid id, HttpContext http, BulkExports exports, CancellationToken ct) => Handle(http, async _ =>
            {
                var export = await exports.FindAsync(id, ct) ?? throw FhirException.NotFound("export", id.ToString());
                switch (export.Status)
                {
                    case ExportStatus.Queued or ExportStatus.Running:
                        http.Response.Headers["X-Progress"] = $"{export.Status.ToString().ToLowerInvariant()}: {export.Written} resources written";
                        http.Response.Headers.RetryAfter = "2";
                        return Results.StatusCode(202);
                    case ExportStatus.Completed:
                        http.Response.Headers.Expires = DateTimeOffset.UtcNow.AddHours(1).ToString("R", CultureInfo.InvariantCulture);
                        return Results.Json(BulkExports.Manifest(export));
                    case ExportStatus.Cancelled:
                        throw FhirException.NotFound("export", id.ToString());
                    case ExportStatus.Expired:
                        throw new FhirException(404, OperationOutcome.IssueType.NotFound, "This export's files were kept for their time and are gone: start a new export");
                    default:
                        throw new FhirException(500, OperationOutcome.IssueType.Exception, $"The export failed: {export.Error}");
                }
            }))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapDelete("/$export-status/{id:guid}", (Guid id, HttpContext http, BulkExports exports, CancellationToken ct) => Handle(http, async _ =>
                await exports.CancelAsync(id, ct) ? Results.StatusCode(202) : throw FhirException.NotFound("export", id.ToString())))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapGet("/$export-file/{id:guid}/{file}", (Guid id, string file, HttpContext http, BulkExports exports, CancellationToken ct) => Handle(http, async _ =>
            {
                var export = await exports.FindAsync(id, ct);
                var files = export is { Status: ExportStatus.Completed } ? JsonSerializer.Deserialize<List<ExportFile>>(export.Files)! : [];
                if (files.FirstOrDefault(f => f.Name == file) is not { } found)
                {
                    throw FhirException.NotFound("export file", file);
                }
                return Results.File(Path.Combine(exports.Folder(id), found.Name), "application/fhir+ndjson", fileDownloadName: found.Name);
            }))
            .RequireAuthorization(AccessPolicies.FhirClients);

        fhir.MapGet("/{type}/{id}", (string type, string id, HttpContext http, CancellationToken ct) => Handle(http, async request =>
                Answer(http, await Find(http, type).ReadAsync(id, request, ct), 200)))
            .RequireAuthorization(AccessPolicies.FhirClients);
        // Only the current version is kept: a version read of it answers as a read, of an older one says so.
        fhir.MapGet("/{type}/{id}/_history/{version}", (string type, string id, string version, HttpContext http, CancellationToken ct) => Handle(http, async request =>
            {
                var current = await Find(http, type).ReadAsync(id, request, ct);
                return current.Meta?.VersionId == version || (current.Meta?.VersionId is null && version == "1")
                    ? Answer(http, current, 200)
                    : throw new FhirException(404, OperationOutcome.IssueType.NotFound, $"Version {version} of {type}/{id} is not kept: the current version is {current.Meta?.VersionId ?? "1"}");
            }))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapGet("/{type}", (string type, HttpContext http, CancellationToken ct) => Handle(http, async request => await SearchAsync(http, type, request, ct)))
            .RequireAuthorization(AccessPolicies.FhirClients);
        fhir.MapPost("/{type}", (string type, HttpContext http, CancellationToken ct) => Handle(http, async request =>
            {
                var resource = Find(http, type);
                await RefuseBeforeTheBodyAsync(resource, 'c', null, request, ct);
                var created = await resource.CreateAsync(await BodyAsync(http, ct), request, ct);
                http.Response.Headers.Location = $"{BaseUrl(http)}/{created.TypeName}/{created.Id}/_history/{created.Meta?.VersionId ?? "1"}";
                return Answer(http, created, 201);
            }))
            .RequireAuthorization(AccessPolicies.FhirClients).DisableAntiforgery();
        fhir.MapPut("/{type}/{id}", (string type, string id, HttpContext http, CancellationToken ct) => Handle(http, async request =>
            {
                var resource = Find(http, type);
                await RefuseBeforeTheBodyAsync(resource, 'u', id, request, ct);
                var body = await BodyAsync(http, ct);
                var updated = await resource.UpdateAsync(id, body, IfMatch(http), request, ct);
                return Answer(http, updated, 200);
            }))
            .RequireAuthorization(AccessPolicies.FhirClients).DisableAntiforgery();
        return app;
    }

    /// <summary>The kick-off answer: 202 with where to poll.</summary>
    private static IResult Accepted(HttpContext http, BulkExport export)
    {
        http.Response.Headers.ContentLocation = $"{BaseUrl(http)}/$export-status/{export.Id}";
        return Results.StatusCode(202);
    }

    private static string TokenEndpoint(HttpContext http) => $"{Hosting.PublicAddress.Of(http)}/fhir/auth/token";
    private static string BaseUrl(HttpContext http) => $"{Hosting.PublicAddress.Of(http)}/fhir";

    private static async Task<IResult> TokenAsync(HttpContext http, BackendServices backend, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Json(new { error = "invalid_request", error_description = "Send the token request as application/x-www-form-urlencoded" }, statusCode: 400);
        }
        try
        {
            var (token, grant) = await backend.IssueAsync(await http.Request.ReadFormAsync(ct), TokenEndpoint(http), ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(new { access_token = token, token_type = "bearer", expires_in = grant.ExpiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), scope = grant.Scope });
        }
        catch (TokenRequestException e)
        {
            return Results.Json(new { error = e.Error, error_description = e.Message }, statusCode: e.Error == "invalid_client" ? 401 : 400);
        }
    }

    private static FhirResourceType Find(HttpContext http, string type) =>
        FhirResourceType.All(http.RequestServices).FirstOrDefault(r => r.Type == type)
        ?? throw new FhirException(404, OperationOutcome.IssueType.NotSupported, $"This server does not serve {type}; see /fhir/metadata for what it does");

    /// <summary>The version an If-Match header names (<c>W/"3"</c>), or null without one.</summary>
    private static int? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }
        var text = header.Trim().TrimStart('W', 'w').TrimStart('/').Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
            : throw FhirException.BadRequest($"If-Match must name a version as W/\"n\", not {header}");
    }

    /// <summary>
    /// A write (c or u) the type does not take, the scopes do not grant, or the asker may not make, refused before the body
    /// is read: a client that may not write learns nothing from how its body is judged.
    /// </summary>
    private static async System.Threading.Tasks.Task RefuseBeforeTheBodyAsync(FhirResourceType resource, char action, string? id, FhirRequest request, CancellationToken ct)
    {
        if (!(action == 'c' ? resource.Capability.Create : resource.Capability.Update))
        {
            throw new FhirException(405, OperationOutcome.IssueType.NotSupported, $"{resource.Type} cannot be {(action == 'c' ? "created" : "updated")} through this API");
        }
        request.Demand(resource.Type, action);
        if (await resource.RefuseWriteAsync(id, request, ct) is { } refused)
        {
            throw refused;
        }
    }

    private static async Task<Resource> BodyAsync(HttpContext http, CancellationToken ct)
    {
        // A form post (text/plain, form-urlencoded) is what another site can make a browser send with its cookie; a
        // FHIR body must say it is FHIR (or JSON), which such a page cannot do without the browser asking first.
        var type = http.Request.ContentType is { } declared ? declared.Split(';')[0].Trim() : "";
        if (!type.Equals(MediaType, StringComparison.OrdinalIgnoreCase) && !type.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new FhirException(415, OperationOutcome.IssueType.NotSupported, $"Send the resource as {MediaType}, not {(type.Length == 0 ? "without a Content-Type" : type)}");
        }
        try
        {
            return await JsonSerializer.DeserializeAsync<Resource>(http.Request.Body, Json, ct) ?? throw FhirException.BadRequest("The body is empty");
        }
        catch (DeserializationFailedException e)
        {
            throw FhirException.BadRequest($"The body is not a valid FHIR resource: {string.Join("; ", e.Exceptions.Take(5).Select(x => x.Message))}");
        }
        catch (JsonException e)
        {
            throw FhirException.BadRequest($"The body is not FHIR JSON: {e.Message}");
        }
    }

    private static async Task<IResult> SearchAsync(HttpContext http, string type, FhirRequest request, CancellationToken ct)
    {
        var resource = Find(http, type);
        var max = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<FhirOptions>>().Value.MaxPageSize;
        int Number(string name, int fallback, int least) =>
            http.Request.Query[name] is { Count: > 0 } v
                ? int.TryParse(v[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= least ? n : throw FhirException.BadRequest($"{name} must be a whole number from {least}")
                : fallback;
        var count = Math.Min(Number("_count", 20, 1), max);
        var offset = Number("_offset", 0, 0);
        var query = http.Request.Query.Where(q => q.Key is not ("_count" or "_offset" or "_format"))
            .SelectMany(q => q.Value.Select(v => (q.Key, v ?? ""))).ToList();
        var page = await resource.SearchAsync(query, count, offset, request, ct);
        var self = Link(http, type, query, count, offset);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
            Type = Bundle.BundleType.Searchset,
            Total = page.Total,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = self }],
        };
        // In long arithmetic: an _offset near the int maximum must not wrap round into a negative next link.
        if ((long)offset + count < page.Total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(http, type, query, count, offset + count) });
        }
        if (offset > 0)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Link(http, type, query, count, Math.Max(0, offset - count)) });
        }
        var baseUrl = BaseUrl(http);
        foreach (var match in page.Matches)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/{match.TypeName}/{match.Id}", Resource = match, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }
        foreach (var included in page.Included.DistinctBy(r => $"{r.TypeName}/{r.Id}"))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl}/{included.TypeName}/{included.Id}", Resource = included, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } });
        }
        return Answer(http, bundle, 200);
    }

    private static string Link(HttpContext http, string type, IEnumerable<(string Key, string Value)> query, int count, int offset) =>
        $"{BaseUrl(http)}/{type}?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}")
            .Append($"_count={count}").Append($"_offset={offset}"));

    /// <summary>Runs a FHIR interaction for the signed-in user or system, answering errors as OperationOutcomes.</summary>
    private static async Task<IResult> Handle(HttpContext http, Func<FhirRequest, Task<IResult>> interaction)
    {
        // FHIR JSON only: a client that will take nothing else (XML, say) is told so rather than sent what it cannot read.
        if (!AcceptsJson(http))
        {
            return Answer(http, Outcome(OperationOutcome.IssueType.NotSupported, "This server answers in FHIR JSON only (application/fhir+json)"), 406);
        }
        var scopes = http.User.Identity?.AuthenticationType == FhirBearerHandler.SchemeName
            ? http.User.FindAll(FhirScopes.Claim).Select(c => c.Value).ToList()
            : null;
        var request = new FhirRequest(http.RequestServices.GetRequiredService<UpcareDbContext>(), http.RequestServices.GetRequiredService<PersonAccess>(),
            http.RequestServices, scopes, BaseUrl(http));
        try
        {
            return await interaction(request);
        }
        catch (FhirException e)
        {
            if (e.Status == StatusCodes.Status403Forbidden)
            {
                RequestRefusal.Note(http, e.Message);
            }
            return Answer(http, Outcome(e.Type, e.Message), e.Status);
        }
    }

    /// <summary>An OperationOutcome as FHIR JSON, for answers written outside the API's handlers.</summary>
    public static string OutcomeJson(OperationOutcome.IssueType type, string message) => JsonSerializer.Serialize(Outcome(type, message), Json);

    private static bool AcceptsJson(HttpContext http)
    {
        var format = http.Request.Query["_format"].ToString();
        if (format.Length > 0)
        {
            return format.Contains("json", StringComparison.OrdinalIgnoreCase);
        }
        var accept = http.Request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal)
            || accept.Contains("ndjson", StringComparison.OrdinalIgnoreCase);
    }

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = message }],
    };

    /// <summary>A resource as FHIR JSON, with its version as the ETag and Last-Modified when it has them.</summary>
    private static IResult Answer(HttpContext http, Resource resource, int status)
    {
        if (resource.Meta?.VersionId is { } version && resource is not Bundle)
        {
            http.Response.Headers.ETag = $"W/\"{version}\"";
        }
        if (resource.Meta?.LastUpdated is { } updated && resource is not Bundle)
        {
            http.Response.Headers.LastModified = updated.ToString("R", CultureInfo.InvariantCulture);
        }
        return Results.Text(JsonSerializer.Serialize(resource, Json), $"{MediaType}; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>
    /// The CapabilityStatement, made from the registered resource types (their interactions, search parameters and
    /// includes) so it can never claim what is not served.
    /// </summary>
    public static CapabilityStatement Capabilities(HttpContext http)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Security = new CapabilityStatement.SecurityComponent
            {
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR")],
                Description = "SMART Backend Services (client credentials with a private_key_jwt assertion) for systems; signed-in users of Upcare with the same relationship rules as its pages.",
            },
        };
        var oauth = new Extension { Url = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris" };
        oauth.Extension.Add(new Extension("token", new FhirUri(TokenEndpoint(http))));
        rest.Security.Extension.Add(oauth);
        foreach (var type in FhirResourceType.All(http.RequestServices).Select(t => t.Capability).OrderBy(c => c.Type, StringComparer.Ordinal))
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.Type,
                Profile = type.Profile,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = false,
                UpdateCreate = false,
                ConditionalUpdate = false,
                SearchInclude = type.Includes.ToList(),
                SearchRevInclude = type.RevIncludes.ToList(),
                Interaction =
                [
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread, Documentation = "The current version only" },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
                SearchParam = type.SearchParameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = p.Documentation }).ToList(),
            };
            if (type.Update)
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update });
            }
            if (type.Create)
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            }
            rest.Resource.Add(resource);
        }
        rest.SearchParam.Add(new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number, Documentation = "Results a page (at most the server's page size)" });
        return new CapabilityStatement
        {
            Id = "upcare",
            Url = $"{BaseUrl(http)}/metadata",
            Name = "Upcare",
            Title = "Upcare FHIR R4 API",
            Status = PublicationStatus.Active,
            Date = "2026-12-01",
            Publisher = "Upcare",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Upcare" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Upcare", Url = BaseUrl(http) },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [MediaType, "json"],
            Rest = [rest],
        };
    }
}
