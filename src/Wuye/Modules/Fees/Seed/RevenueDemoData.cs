using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.PublicRevenue;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Demo;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Seed;

/// <summary>
/// Public revenue of the residential demo projects (and the demo owner's): the owners' share (70 % from the last full half
/// year), five ledger entries in that half year and two in the current one, entered and published by the company's manager
/// through the same use cases as the API, so every figure is the app's. The last full half year is published (the owners and
/// the committee told) except in one other project of the demo owner's company, left for its managers' home to-do.
/// </summary>
internal sealed class RevenueDemoData(
    TimeProvider clock,
    ScopeAccessor scopes,
    RevenueLedgerHandler ledger,
    RevenueStatementsHandler statements
) : IDemoDataContributor
{
    public int Order => 61;

    public async Task SeedAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var rng = ctx.Random;
        var today = ChinaTime.Today(clock);
        var (last, now) = (HalfYear.Of(today).Previous, HalfYear.Of(today));
        var owner = await db.Users.Where(u => u.UserName == "owner").Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var ownerProjects = await db.OccupantRefs()
            .Where(o => db.PersonRefs().Any(x => x.Id == o.PersonId && x.UserId == owner))
            .Select(o => o.ProjectId)
            .Distinct()
            .ToListAsync(ct);
        var residential = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.ArchivedAt == null && p.Kind == ProjectKind.Residential)
            .OrderBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var projects = residential
            .Where((p, i) => ownerProjects.Contains(p.Id) || (ctx.Size == "small" && i < 4))
            .OrderBy(p => ownerProjects.Contains(p.Id) ? 0 : 1)
            .ToList();
        var managers = await DemoStaff.CompanyManagersAsync(db, ct);
        // Left unpublished for the home to-do: another project of the demo owner's company (or the last one).
        var ownerCompany = projects.Where(p => ownerProjects.Contains(p.Id)).Select(p => (Guid?)p.CompanyId).FirstOrDefault();
        var open =
            projects.Count < 2
                ? null
                : projects.FirstOrDefault(p => !ownerProjects.Contains(p.Id) && p.CompanyId == ownerCompany) ?? projects[^1];
        try
        {
            foreach (var p in projects)
            {
                if (!managers.TryGetValue(p.CompanyId, out var m))
                    continue;
                scopes.Scope = new DataScope
                {
                    IsGlobal = true,
                    Roles = ["system"],
                    UserId = m.Id,
                };
                await ledger.SetShareAsync(new NewOwnerShare(p.Id, 70m, last.Start, "业主大会决议：公共收益净额的 70% 归全体业主"), ct);
                foreach (var e in Entries(p.Id, last, today, rng).Concat(Entries(p.Id, now, today, rng).Take(2)))
                    await ledger.AddAsync(e, ct);
                if (p.Id != open?.Id)
                    await statements.PublishAsync(new NewStatement(p.Id, last.Year, last.Half), ct);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            scopes.Scope = DataScope.System;
        }
    }

    /// <summary>A half year's entries, dated in it and not after today, amounts to the fen.</summary>
    private static IEnumerable<NewRevenueEntry> Entries(Guid project, HalfYear period, DateOnly today, Random rng)
    {
        NewRevenueEntry E(RevenueCategory c, int day, int min, int max, string counterparty, string? note = null)
        {
            var date = period.Start.AddDays(day);
            return new(project, c, date > today ? today : date, rng.Next(min * 100, max * 100) / 100m, counterparty, note, null);
        }
        yield return E(RevenueCategory.Parking, 30, 8_000, 15_000, "临停收费系统", "临时停车费");
        yield return E(RevenueCategory.Advertising, 45, 2_000, 6_000, "开化分众电梯广告", "电梯轿厢广告位");
        yield return E(RevenueCategory.VenueRental, 100, 500, 2_000, "会所场地租用", null);
        yield return E(RevenueCategory.Maintenance, 60, 800, 3_000, "开化安居维修公司", "地下车库照明更换");
        yield return E(RevenueCategory.Tax, 170, 500, 1_500, "开化县税务局", "增值税及附加");
    }
}
