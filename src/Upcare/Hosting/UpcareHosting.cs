using Microsoft.AspNetCore.DataProtection;
using Upcare.Access;
using Upcare.CarePlans;
using Upcare.PersonalBudgets;
using Upcare.ServiceDirectory;
using Upcare.Data;
using Upcare.Messaging;
using Upcare.Organisations;
using Upcare.Shared;
using Upcare.SocialPrescribing;
using Upcare.People;
using Upcare.Synthetic;
using Upcare.SupportNetworks;

namespace Upcare.Hosting;

/// <summary>Registers Upcare's services and maps its pages and endpoints; Program.cs calls these two.</summary>
public static class UpcareHosting
{
    public static WebApplicationBuilder AddUpcare(this WebApplicationBuilder builder)
    {
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        var services = builder.Services;
        // First, so the database is migrated before any other hosted service (the data-protection key ring) reads it.
        services.AddHostedService<DatabaseStartup>();
        services.Configure<UpcareOptions>(builder.Configuration.GetSection("Upcare"));
        services.AddPublicAddress(builder.Configuration);
        builder.AddUpcareTelemetry();
        services.AddSingleton<JobMetrics>();
        services.AddUpcareDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddDataProtection().SetApplicationName("Upcare").PersistKeysToDbContext<UpcareDbContext>();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddScoped<PersonService>();
        services.AddScoped<OrganisationService>();
        services.AddScoped<PopulationFigures>();
        services.Configure<Outcomes.OutcomeOptions>(builder.Configuration.GetSection("Upcare:Outcomes"));
        services.AddSingleton<Outcomes.InstrumentCatalogue>();
        services.AddScoped<Outcomes.OutcomeService>();
        services.AddMessaging(builder.Configuration);
        services.AddScoped<JobLeases>();
        services.AddSingleton<LeaseHolder>();
        services.AddHostedService<Outcomes.QuestionnaireReminders>();
        services.AddScoped<ServiceDirectory.PostcodeDirectory>();
        services.AddScoped<ServiceDirectory.DirectorySearch>();
        services.AddScoped<ServiceDirectory.DirectorySeeder>();
        services.AddScoped<ServiceDirectory.OrukReader>();
        services.AddScoped<ServiceDirectory.OrukImporter>();
        services.AddScoped<ServiceDirectory.DirectoryEditing>();
        services.AddSingleton(sp => new WorkingDays(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<UpcareOptions>>().Value.BankHolidays));
        // JSON APIs speak statuses and modes by name ("accepted", "Phone"), as people and FHIR do, never as numbers.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        services.Configure<SocialPrescribing.SocialPrescribingOptions>(builder.Configuration.GetSection("Upcare:SocialPrescribing"));
        services.AddScoped<SocialPrescribing.SocialPrescribingService>();
        services.AddScoped<CarePlans.CarePlanService>();
        services.AddScoped<SharedDecisions.DecisionAidService>();
        services.AddScoped<SharedDecisions.SharedDecisionService>();
        services.Configure<PersonalBudgets.PersonalBudgetOptions>(builder.Configuration.GetSection("Upcare:PersonalBudgets"));
        services.AddScoped<PersonalBudgets.PersonalBudgetService>();
        services.AddHostedService<PersonalBudgets.BudgetPayments>();
        services.Configure<Choice.ChoiceOptions>(builder.Configuration.GetSection("Upcare:Choice"));
        services.AddScoped<Choice.ChoiceService>();
        services.Configure<Coaching.CoachingOptions>(builder.Configuration.GetSection("Upcare:Coaching"));
        services.AddScoped<Coaching.CoachingService>();
        services.Configure<PeerSupport.PeerSupportOptions>(builder.Configuration.GetSection("Upcare:PeerSupport"));
        services.AddScoped<PeerSupport.PeerSupportService>();
        services.AddScoped<SupportNetworks.SupportNetworkAccess>();
        services.AddScoped<SupportNetworks.SupportNetworkSuggestions>();
        services.AddScoped<SupportNetworks.SupportNetworkService>();
        services.AddScoped<SupportNetworks.SupportNetworkSharing>();
        services.AddScoped<SupportNetworks.SupportNetworkHistory>();
        services.Configure<Commissioning.CommissioningOptions>(builder.Configuration.GetSection("Upcare:Commissioning"));
        services.AddScoped<Commissioning.ImdLookup>();
        services.AddScoped<Commissioning.CommissioningService>();
        services.AddScoped<Commissioning.FeedbackService>();
        services.AddScoped<Commissioning.OutcomePayments>();
        services.AddScoped<SocialPrescribing.CommunityReferralService>();
        services.AddScoped<SocialPrescribing.ServiceResponses>();
        services.AddScoped<ServiceUse.ServiceUseImport>();
        services.AddScoped<ServiceUse.ServiceUseFigures>();
        services.AddHostedService<SocialPrescribing.ReferralDeadlines>();
        services.AddHttpClient();
        services.AddImportHttp();
        // The ORUK API is public and read-only: any origin may read it from a browser.
        services.AddCors(o => o.AddPolicy(ServiceDirectory.OrukApi.CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()));
        services.AddScoped<PopulationSeeder>();
        services.AddScoped<RegionSeeder>();
        services.Configure<Fhir.FhirOptions>(builder.Configuration.GetSection("Upcare:Fhir"));
        services.AddScoped<Fhir.BackendServices>();
        services.AddScoped<Fhir.BulkExports>();
        services.AddSingleton<Fhir.ExportSignal>();
        services.AddHostedService<Fhir.BulkExportWorker>();
        // The resource types the FHIR API serves: routes, access and the CapabilityStatement all come from this list.
        services.AddSingleton<Fhir.FhirResourceType, People.PatientFhir>();
        services.AddSingleton<Fhir.FhirResourceType, SocialPrescribing.ServiceRequestFhir>();
        services.AddSingleton<Fhir.FhirResourceType, SocialPrescribing.TaskFhir>();
        services.AddSingleton<Fhir.FhirResourceType, CarePlans.CarePlanResourceFhir>();
        services.AddSingleton<Fhir.FhirResourceType, CarePlans.GoalFhir>();
        services.AddSingleton<Fhir.FhirResourceType, Outcomes.QuestionnaireFhir>();
        services.AddSingleton<Fhir.FhirResourceType, Outcomes.QuestionnaireResponseFhir>();
        services.AddSingleton<Fhir.FhirResourceType, Organisations.OrganizationFhir>();
        services.AddSingleton<Fhir.FhirResourceType, ServiceDirectory.HealthcareServiceFhir>();
        services.AddSingleton<Fhir.FhirResourceType, ServiceDirectory.LocationFhir>();
        services.AddSingleton<Fhir.FhirResourceType, SocialPrescribing.CommunicationFhir>();
        services.AddSingleton<Fhir.FhirResourceType, PractitionerFhir>();
        services.AddSingleton<Fhir.FhirResourceType, PractitionerRoleFhir>();
        services.AddSingleton<Fhir.FhirResourceType, ConsentFhir>();
        services.AddScoped<DemoAccounts>();
        services.AddUpcareAccess(builder.Configuration, builder.Environment);
        services.AddProblemDetails();
        services.AddExceptionHandler<UnexpectedErrors>();
        services.AddRazorPages(o => o.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.AutoValidateAntiforgeryTokenAttribute()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "upcare-antiforgery";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return builder;
    }

    public static WebApplication MapUpcare(this WebApplication app)
    {
        PublicAddress.RequireInProduction(app);
        AccessSetup.RequireChainKeyInProduction(app);
        app.UseCorrelationId();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // JSON clients (the API, FHIR) get the status and problem details or OperationOutcome, not the HTML error page.
        app.Use(async (context, next) =>
        {
            if ((context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir")) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            await next();
            // A FHIR client refused before the API ran (no or a bad access token) still gets an OperationOutcome saying why.
            if (context.Request.Path.StartsWithSegments("/fhir") && context.Response.StatusCode == StatusCodes.Status401Unauthorized && !context.Response.HasStarted)
            {
                context.Response.ContentType = $"{Fhir.FhirApi.MediaType}; charset=utf-8";
                await context.Response.WriteAsync(Fhir.FhirApi.OutcomeJson(Hl7.Fhir.Model.OperationOutcome.IssueType.Login,
                    "Sign in, or send an access token from /fhir/auth/token (SMART Backend Services) as Authorization: Bearer"));
            }
        });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";
            await next();
        });
        app.UseStaticFiles();
        app.UseMiddleware<TextGuard>();
        app.UseRouting();
        app.UseCors();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseRefusalAudit();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealthApi();
        app.MapOrukApi();
        app.MapSocialPrescribingApi();
        Fhir.FhirApi.MapFhirApi(app);
        app.MapCarePlanApi();
        app.MapSupportNetworkApi();
        app.MapPersonalBudgetApi();
        app.MapRazorPages();
        return app;
    }
}
