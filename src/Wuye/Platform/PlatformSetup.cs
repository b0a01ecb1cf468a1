using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Wuye.Platform.Database;
using Wuye.Platform.Health;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Platform;

/// <summary>Registers and wires what every module stands on.</summary>
public static class PlatformSetup
{
    public static WebApplicationBuilder AddWuyePlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        var settings = WuyeOptions.From(config);
        services.AddSettings<WuyeOptions>(WuyeOptions.Section);
        if (string.Equals(settings.LogFormat, "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }

        services.AddSingleton(TimeProvider.System);
        Jobs.JobsSetup.AddWuyeJobs(services, config);
        Jobs.JobsSetup.AddRecurringJob<IdempotencyPurgeJob>(services, TimeSpan.FromHours(1));
        Jobs.JobsSetup.AddRecurringJob<UserSessionPurgeJob>(services, TimeSpan.FromHours(1));
        Notifications.NotificationsModel.AddNotifications(services);
        // Sign-in cookies and tokens survive a restart: the keys live beside the data.
        services.AddDataProtection().SetApplicationName("wuye");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(
            sp => new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                o =>
                {
                    var dataDir = settings.DataPath;
                    o.XmlRepository = new Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository(
                        new DirectoryInfo(Path.Combine(dataDir, "keys")),
                        sp.GetRequiredService<ILoggerFactory>()
                    );
                }
            )
        );
        services.AddSingleton<DatabaseHandle>();
        services.AddSingleton<EmbeddedPostgresWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedPostgresWatchdog>());
        services.AddSingleton(sp =>
        {
            var b = new NpgsqlDataSourceBuilder(sp.GetRequiredService<DatabaseHandle>().ConnectionString);
            b.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return b.Build();
        });
        Paging.RequireTotalOrder = settings.Database.StrictOrder;
        services.AddDbContext<WuyeDb>(
            (sp, o) =>
                // No connection in the options: WuyeDb takes one from the data source (WuyeDb.Connection.cs says why).
                o.UseNpgsql(n => n.MigrationsHistoryTable("__ef_unused", "platform"))
                    .ConfigureWarnings(w =>
                    {
                        w.Ignore(
                            Microsoft
                                .EntityFrameworkCore
                                .Diagnostics
                                .CoreEventId
                                .PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning
                        );
                        // A row limit without an order gives a different page (or first row) from run to run.
                        if (settings.Database.StrictOrder)
                            w.Throw(
                                Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning,
                                Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.FirstWithoutOrderByAndFilterWarning
                            );
                    }),
            // Options built once, not per request (building them showed in the profile).
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton
        );
        services.AddScoped<ScopeAccessor>();
        services.AddMemoryCache();
        services.AddSingleton<ScopeResolver>();
        services.AddSingleton<ReferenceCache>();
        services.AddScoped<UserNames>();
        services.AddScoped<RoleHolders>();
        services.AddScoped<SignInAttempts>();
        services.AddScoped<Accounts>();
        services.AddScoped<PasswordReset>();
        services.AddSingleton<AccountStates>();
        services.AddSingleton(new NavItem(0, _ => new NavLink(Loc.T("首页", "Home"), "/")));
        services.AddSingleton(
            new NavItem(90, s =>
                s.IsGlobal || s.HasRole(Roles.CompanyManager) || s.HasRole(Roles.ProjectManager)
                    ? new NavLink(Loc.T("账号", "Accounts"), "/accounts", "nav-accounts")
                    : null
            )
        );
        services.AddSingleton(
            new NavItem(100, s => s.IsGlobal || s.HasRole(Roles.CompanyManager) ? new NavLink("API", "/api-docs") : null)
        );

        services
            .AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = settings.SignIn.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.SignIn.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WuyeDb>()
            .AddSignInManager<AccountSignInManager>()
            .AddPasswordValidator<PasswordPolicy>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddErrorDescriber<ChineseIdentityErrors>();
        services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = "wuye";
                o.DefaultChallengeScheme = "wuye";
            })
            .AddPolicyScheme("wuye", "Cookie or bearer", o =>
                o.ForwardDefaultSelector = http =>
                    http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme
            )
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();
        // Unprotecting a token derives keys (HMAC-SHA512) on every request; remember recent ones.
        services.AddSingleton<
            IPostConfigureOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>,
            CachedBearerTokens
        >();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "wuye.auth";
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiOr(ctx, 401);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, 403);
        });
        services.AddScoped<IAuthorizationHandler, ScopeRoleHandler>();
        services.AddAuthorization();
        services.AddSignInRateLimit(config);

        services.AddProblemDetails(o =>
            o.CustomizeProblemDetails = ctx =>
            {
                ctx.ProblemDetails.Instance ??= ctx.HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path
                    ?? ctx.HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
                    ?? ctx.HttpContext.Request.Path;
                ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
                // A value that cannot be bound throws (ThrowOnBadRequest) and is answered by the exception handler, field by
                // field; a bare status of the framework gets the same title and code from the same rule.
                ProblemExceptionHandler.Describe(ctx.ProblemDetails, ctx.HttpContext);
            }
        );
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            InputText.AddConverters(o.SerializerOptions);
        });
        // A parameter that does not bind throws (in every environment), so the 400 names the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiBearer>());
        // Pages live beside their code: the shell in Platform/Pages, each module's in Modules/<Name>/Pages.
        // Every page names its route in @page, so a file's folder never shows in a URL.
        services
            .AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/Account/Culture");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/Account/Invitation");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/Account/PasswordReset");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/Error");
                o.Conventions.AllowAnonymousToPage("/Platform/Pages/ApiDocs");
            })
            .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Platform/Pages/Shared/{0}.cshtml"))
            .AddMvcOptions(o => o.Filters.Add(new EdgeErrorsPageFilter()));
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SupportedCultures = o.SupportedUICultures = [Loc.Chinese, Loc.English];
            o.DefaultRequestCulture = new RequestCulture(Loc.Chinese);
            // zh-CN unless the user chose otherwise (query, cookie, or their account setting);
            // the browser's language is not consulted, so staff phones set to English still see Chinese.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
                new CookieRequestCultureProvider(),
                new UserCultureProvider(),
            ];
        });
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only the configured proxies' forwarded headers are believed (by default none: not even
            // loopback's), so a client cannot pick its own address and slip past the sign-in rate limit.
            // With no proxy listed the middleware would believe everyone, so then it reads no header at all.
            o.ForwardedHeaders = settings.TrustedProxies.Any(e => !string.IsNullOrWhiteSpace(e))
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in settings.TrustedProxies.Where(e => !string.IsNullOrWhiteSpace(e)))
            {
                if (System.Net.IPNetwork.TryParse(entry.Trim(), out var network))
                    o.KnownIPNetworks.Add(network);
                else if (System.Net.IPAddress.TryParse(entry.Trim(), out var address))
                    o.KnownProxies.Add(address);
                else
                    throw new InvalidOperationException(
                        $"Wuye:TrustedProxies: '{entry}' is neither an address nor a network (10.0.0.0/8)."
                    );
            }
        });
        // Chinese goes out as UTF-8 text, not as &#x...; entities (a third of the bytes on a phone network).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All)
        );
        return builder;
    }

    private static Task ApiOr(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Starts (or connects to) the database and migrates it, before the app serves.</summary>
    public static async Task StartDatabaseAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<DatabaseHandle>().StartAsync(app.Lifetime.ApplicationStopping);

    public static WebApplication UseWuyePlatform(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler(
            new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = ex => ProblemExceptionHandler.Map(ex).Item1,
            }
        );
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<AccountGate>();
        app.UseMiddleware<ScopeMiddleware>();
        app.UseAuthorization();
        // After authorization: a stranger's upload to a signed-in page is turned away before its body is read
        // (a page's form may be as large as its [RequestSizeLimit]); before antiforgery, which reads the form.
        app.UseMiddleware<RequestEdge>();
        app.UseAntiforgery();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        HealthEndpoints.Map(app);
        AuthEndpoints.Map(app);
        PasswordReset.Map(app);
        return app;
    }

    /// <summary>The versioned API root: signed-in users only, bodies validated, errors as ProblemDetails.</summary>
    public static RouteGroupBuilder MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization()
            .AddEndpointFilterFactory(QueryDateWindow.Create)
            .AddEndpointFilter<ValidationFilter>()
            .DisableAntiforgery();
        Notifications.NotificationEndpoints.Map(api);
        Notifications.PreferenceEndpoints.Map(api);
        Notifications.DeliveryEndpoints.Map(api);
        Notifications.SmsReceiptEndpoints.Map(api);
        AccountEndpoints.Map(api);
        UserEndpoints.Map(api);
        return api;
    }
}

/// <summary>
/// API clients choose their language with Accept-Language. Pages ignore it (see above), and so
/// do the pages' own calls to the API (they carry the sign-in cookie, no Authorization header):
/// a Chinese page must not get English errors because the browser says en-US.
/// </summary>
internal sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api")
        && (http.Request.Headers.Authorization.Count > 0 || http.Request.Headers.Cookie.Count == 0)
            ? base.DetermineProviderCultureResult(http)
            : NullProviderCultureResult;
}

/// <summary>Uses the culture saved on the user's account when no cookie or query chooses one.</summary>
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
    {
        var culture = http.User.FindFirst("culture")?.Value;
        return Task.FromResult(string.IsNullOrEmpty(culture) ? null : new ProviderCultureResult(culture));
    }
}
