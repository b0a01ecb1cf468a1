using Microsoft.EntityFrameworkCore;
using Wuye.Platform;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;

namespace Wuye.Platform.Demo;

/// <summary>What a module's demo data contributor is given: the database (as the system), the size, the run's seed and a random drawn from
/// it.</summary>
public sealed record DemoSeedContext(WuyeDb Db, string Size, int Seed, Random Random);

/// <summary>
/// A module's demo records, run in <see cref="Order"/> on an empty database: master data first
/// (the tree and the demo accounts, order 0), then each module's history on top. Register it in
/// the module's Add method with services.AddScoped&lt;IDemoDataContributor, MyDemoData&gt;().
/// Must be deterministic for a seed; every figure is computed by the app from the records.
/// </summary>
public interface IDemoDataContributor
{
    int Order { get; }
    Task SeedAsync(DemoSeedContext context, CancellationToken ct);
}

/// <summary>The demo accounts, one per role, in the order the README lists them; all sign in with <see cref="Password"/>.</summary>
public static class DemoAccounts
{
    public const string Password = "Wuye@2026";

    public static readonly IReadOnlyList<(string User, string Name, string Role)> All =
    [
        ("admin", "平台管理员", Roles.PlatformAdmin),
        ("regulator", "县住建局 刘科长", Roles.Regulator),
        ("manager", "张总经理", Roles.CompanyManager),
        ("manager2", "李总经理", Roles.CompanyManager),
        ("inspector", "品质部 陈督察", Roles.QualityInspector),
        ("pm", "王项目经理", Roles.ProjectManager),
        ("service", "客服 赵敏", Roles.CustomerService),
        ("steward", "片区管家 孙丽", Roles.Steward),
        ("tech", "维修 周师傅", Roles.Technician),
        ("guard", "安全员 吴强", Roles.SecurityGuard),
        ("monitor", "监控中心 郑浩", Roles.MonitoringCenter),
        ("committee", "业委会 冯主任", Roles.OwnersCommittee),
        ("owner", "业主 钱先生", Roles.Owner),
    ];
}

/// <summary>Who is who in the demo data, looked up from the role assignments (never from the order of names).</summary>
public static class DemoStaff
{
    /// <summary>Each company's company manager (id, display name); a company without one is absent.</summary>
    public static async Task<Dictionary<Guid, (Guid Id, string Name)>> CompanyManagersAsync(WuyeDb db, CancellationToken ct) => (
            await (
                from r in db.RoleAssignments
                where r.Role == Roles.CompanyManager && r.CompanyId != null
                join u in db.Users on r.UserId equals u.Id
                orderby u.UserName, u.Id
                select new
                {
                    CompanyId = r.CompanyId!.Value,
                    u.Id,
                    Name = u.DisplayName ?? u.UserName!,
                }
            ).ToListAsync(ct)
        ).GroupBy(x => x.CompanyId).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Name));
}

/// <summary>Runs every module's demo contributor, in order, into an empty database (no account yet).</summary>
public sealed class DemoDataRunner(
    WuyeDb db,
    ScopeAccessor scope,
    IEnumerable<IDemoDataContributor> contributors,
    ILogger<DemoDataRunner> log
)
{
    public static readonly string[] Sizes = ["small", "large"];

    /// <summary>False when the database already has accounts: nothing is changed then.</summary>
    public async Task<bool> SeedIfEmptyAsync(string size, int seed, CancellationToken ct)
    {
        scope.Scope = DataScope.System;
        if (await db.Users.AnyAsync(ct))
            return false;
        if (!Sizes.Contains(size))
            throw new ArgumentException($"Demo size '{size}' does not exist: use small or large.");
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            // Each module adds its own records on top of the tree, from the same seed.
            var part = started.ElapsedMilliseconds;
            await contributor.SeedAsync(new DemoSeedContext(db, size, seed, new Random(seed * 7919 + contributor.Order)), ct);
            log.LogDebug("Demo data: {Part} in {Ms} ms", contributor.GetType().Name, started.ElapsedMilliseconds - part);
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        log.LogInformation("Demo data ({Size}, seed {Seed}) created in {Ms} ms", size, seed, started.ElapsedMilliseconds);
        return true;
    }
}

public static class DemoDataSetup
{
    public static IServiceCollection AddDemoData(this IServiceCollection services) => services.AddScoped<DemoDataRunner>();

    /// <summary>With Wuye:Demo:Seed=true, fills an empty database with the demo records at start; otherwise an empty database gets its
    /// first administrator (<see cref="FirstStart"/>).</summary>
    public static async Task SeedDemoDataIfWantedAsync(this WebApplication app)
    {
        var demo = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WuyeOptions>>().Value.Demo;
        if (!demo.Seed)
        {
            // Without the demo data, an empty database starts with the platform administrator only.
            await FirstStart.CreateAdminIfEmptyAsync(app.Services, app.Lifetime.ApplicationStopping);
            return;
        }
        using var scope = app.Services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<DemoDataRunner>();
        await runner.SeedIfEmptyAsync(demo.Size, demo.RandomSeed, app.Lifetime.ApplicationStopping);
    }
}
