using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Wuye.Platform;

/// <summary>
/// Every platform setting under <c>Wuye:</c>, typed and with its default (the README lists each key).
/// Set them on the command line (<c>--Wuye:SignIn:PermitPerMinute=20</c>), in appsettings.json or as
/// environment variables (<c>Wuye__SignIn__PermitPerMinute=20</c>). Checked at start: a bad value stops
/// the app with the key's name. Modules have options of their own (<c>Wuye:WorkOrders</c>…).
/// </summary>
public sealed class WuyeOptions
{
    public const string Section = "Wuye";

    /// <summary>Where the embedded PostgreSQL, uploaded files and sign-in keys live (default ./.wuye).</summary>
    public string? DataDir { get; set; }

    /// <summary>"json" for one JSON object per log line; anything else for the console format.</summary>
    public string? LogFormat { get; set; }

    /// <summary>
    /// Addresses (127.0.0.1) or networks (10.0.0.0/8) of the reverse proxies whose X-Forwarded-For and
    /// X-Forwarded-Proto are believed. Empty (the default): no forwarded header is believed, from anyone.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    public DatabaseSettings Database { get; set; } = new();
    public SignInSettings SignIn { get; set; } = new();
    public CacheSettings Scope { get; set; } = new();
    public ReferenceCacheSettings ReferenceCache { get; set; } = new();
    public JobsSettings Jobs { get; set; } = new();
    public PdfSettings Pdf { get; set; } = new();
    public FilesSettings Files { get; set; } = new();
    public DemoSettings Demo { get; set; } = new();
    public AccountSettings Accounts { get; set; } = new();
    public IdempotencySettings Idempotency { get; set; } = new();

    public string DataPath => string.IsNullOrWhiteSpace(DataDir) ? Path.Combine(Directory.GetCurrentDirectory(), ".wuye") : DataDir;

    /// <summary>The settings read straight from configuration, for code that runs before the container is built.</summary>
    public static WuyeOptions From(IConfiguration config) => config.GetSection(Section).Get<WuyeOptions>() ?? new();

    public sealed class DatabaseSettings
    {
        /// <summary>The port of the embedded PostgreSQL (used when ConnectionStrings:Wuye is not set).</summary>
        [Range(1, 65535)]
        public int EmbeddedPort { get; set; } = 5439;

        /// <summary>
        /// Fail a query that limits rows (Skip, Take, First) without a total order instead of warning:
        /// a page of a list must be the same page every time. On in the tests, so it stays fixed.
        /// </summary>
        public bool StrictOrder { get; set; }

        /// <summary>
        /// Stop the embedded PostgreSQL when the app's process ends, however it ends (tests that run the app inside the test
        /// process). Off by default: the cluster outlives a kill -9 of the app and is found again on the next start.
        /// </summary>
        public bool EmbeddedStopsWithApp { get; set; }

        /// <summary>How often the app checks that its embedded PostgreSQL is alive, and restarts it if it died.</summary>
        [Range(1, 3600)]
        public int WatchdogSeconds { get; set; } = 5;

        /// <summary>The Retry-After (seconds) of a 503 answered while the database cannot be reached.</summary>
        [Range(1, 3600)]
        public int RetryAfterSeconds { get; set; } = 5;
    }

    public sealed class SignInSettings
    {
        /// <summary>Sign-in attempts allowed per client address per minute (then 429).</summary>
        [Range(1, int.MaxValue)]
        public int PermitPerMinute { get; set; } = 10;

        /// <summary>Failed passwords before the account is locked.</summary>
        [Range(1, 1000)]
        public int MaxFailedAttempts { get; set; } = 10;

        [Range(1, 24 * 60)]
        public int LockoutMinutes { get; set; } = 15;
    }

    public sealed class CacheSettings
    {
        /// <summary>How long a user's resolved scope is reused (0: resolve on every request).</summary>
        [Range(0, 3600)]
        public int CacheSeconds { get; set; } = 15;
    }

    public sealed class ReferenceCacheSettings
    {
        /// <summary>How long reference rows (time limits, calendars, desk members) are reused (0: read every time).</summary>
        [Range(0, 3600)]
        public int Seconds { get; set; } = 15;
    }

    public sealed class JobsSettings
    {
        /// <summary>Start the scheduler with the app (tests run jobs by hand).</summary>
        public bool AutoStart { get; set; } = true;
    }

    public sealed class PdfSettings
    {
        /// <summary>The Chromium that prints PDFs (default: WUYE_CHROMIUM, then /usr/bin/chromium).</summary>
        public string? Chromium { get; set; }
    }

    public sealed class FilesSettings
    {
        /// <summary>The largest photo accepted, in bytes.</summary>
        [Range(1024, long.MaxValue)]
        public long MaxBytes { get; set; } = 10L * 1024 * 1024;
    }

    public sealed class AccountSettings
    {
        /// <summary>How long an account's state (disabled, password changed, session ended) is reused before it is read again; other
        /// instances see a change within this time (0: every request).</summary>
        [Range(0, 300)]
        public int CheckSeconds { get; set; } = 5;

        /// <summary>How long an invitation code is valid.</summary>
        [Range(1, 24 * 30)]
        public int InvitationHours { get; set; } = 72;

        /// <summary>How long an SMS verification code is valid.</summary>
        [Range(1, 60)]
        public int CodeMinutes { get; set; } = 10;

        /// <summary>Verification codes and sign-ups allowed per client address per 10 minutes (then 429).</summary>
        [Range(1, 1000)]
        public int CodesPer10Minutes { get; set; } = 5;

        /// <summary>
        /// How long a sign-in session is kept: older ones are purged hourly (a browser signed in that long ago signs in again).
        /// </summary>
        [Range(1, 3650)]
        public int SessionRetentionDays { get; set; } = 30;

        /// <summary>The address of the app in links sent by SMS and e-mail (e.g. https://wuye.example.com); empty: links are
        /// relative.</summary>
        public string? PublicUrl { get; set; }
    }

    public sealed class IdempotencySettings
    {
        /// <summary>How long an Idempotency-Key and its stored answer are kept (then purged; a retry after that runs anew).</summary>
        [Range(1, 24 * 366)]
        public int RetentionHours { get; set; } = 24;
    }

    public sealed class DemoSettings
    {
        /// <summary>Fill an empty database with the demo records at start.</summary>
        public bool Seed { get; set; }

        [RegularExpression("^(small|large)$")]
        public string Size { get; set; } = "small";
        public int RandomSeed { get; set; } = 1;
    }
}

public static class WuyeOptionsSetup
{
    /// <summary>Binds a settings section, checks its [Range]/[Required] rules at start and makes it injectable as
    /// IOptions&lt;T&gt;.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
