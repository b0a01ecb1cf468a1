using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record StaffOption(Guid UserId, string Name, string Role);

/// <summary>Someone who may be given a plan at an inspector level.</summary>
internal sealed record InspectorOption(Guid UserId, string Name, string Level, string Role);

internal static class QpiStaff
{
    /// <summary>People who may be made responsible for a notice at a project: its staff and the company's managers.</summary>
    public static async Task<List<StaffOption>> ForProjectAsync(WuyeDb db, Guid projectId, Guid companyId, CancellationToken ct)
    {
        var grants = await new RoleHolders(db).AtProject(companyId, projectId).Select(r => new { r.UserId, r.Role }).ToListAsync(ct);
        var ids = grants.Select(g => g.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return
        [
            .. grants
                .GroupBy(r => r.UserId)
                .Select(g => new StaffOption(
                    g.Key,
                    names.GetValueOrDefault(g.Key) ?? "",
                    string.Join("、", g.Select(x => Platform.Identity.Roles.Name(x.Role)).Distinct())
                ))
                .OrderBy(s => s.Role.Contains(Loc.T("项目经理", "Project manager")) ? 0 : 1)
                .ThenBy(s => s.Name),
        ];
    }

    /// <summary>
    /// The roles that make up each inspector level of seed 004 (公司管理层 → 职能部门 → 项目负责人 → 业务主管 → 班组长).
    /// Team leaders are not a role: they are the leaders named on the company's teams (班组).
    /// </summary>
    public static string[] RolesOf(InspectorLevel level) =>
        level switch
        {
            InspectorLevel.CompanyManagement => [Platform.Identity.Roles.CompanyManager],
            InspectorLevel.QualityDepartment => [Platform.Identity.Roles.QualityInspector],
            InspectorLevel.ProjectHead => [Platform.Identity.Roles.ProjectManager],
            InspectorLevel.Supervisor =>
            [
                Platform.Identity.Roles.CustomerService,
                Platform.Identity.Roles.Steward,
                Platform.Identity.Roles.SecurityGuard,
                Platform.Identity.Roles.MonitoringCenter,
            ],
            _ => [],
        };

    /// <summary>
    /// The people of a company who can inspect at a level (all levels when none is given). The caller has
    /// been cleared to plan for this company (<see cref="Qpi.ActingCompany"/>); the role table's own filter
    /// would hide grants from a platform admin's view of nothing in particular and show an owners' committee
    /// as staff, so the lookup reads the company's grants (<see cref="RoleHolders.InCompany"/>), one table per query.
    /// </summary>
    public static async Task<List<InspectorOption>> InspectorsAsync(WuyeDb db, Guid companyId, InspectorLevel? level, CancellationToken ct)
    {
        var levels = level is { } l ? [l] : Qpi.Levels.Select(x => x.Value).ToArray();
        var roles = levels.SelectMany(RolesOf).ToList();
        var grants = await new RoleHolders(db)
            .InCompany(companyId)
            .Where(r => roles.Contains(r.Role))
            .Select(r => new { r.UserId, r.Role })
            .Distinct()
            .ToListAsync(ct);
        var leaders = levels.Contains(InspectorLevel.TeamLeader)
            ? await db.Set<InspectionTeam>()
                .IgnoreQueryFilters()
                .AsNoTracking()
                .Where(t => t.CompanyId == companyId && t.LeaderUserId != null)
                .Select(t => new { UserId = t.LeaderUserId!.Value, t.Name })
                .Distinct()
                .ToListAsync(ct)
            : [];
        var ids = grants.Select(g => g.UserId).Concat(leaders.Select(x => x.UserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var options = new List<InspectorOption>();
        foreach (var lv in levels)
        {
            var code = Qpi.Code(Qpi.Levels, lv);
            var lvRoles = RolesOf(lv);
            options.AddRange(
                grants
                    .Where(g => lvRoles.Contains(g.Role))
                    .GroupBy(g => g.UserId)
                    .Select(g => new InspectorOption(
                        g.Key,
                        names.GetValueOrDefault(g.Key) ?? "",
                        code,
                        string.Join("、", g.Select(x => Platform.Identity.Roles.Name(x.Role)).Distinct())
                    ))
            );
            if (lv == InspectorLevel.TeamLeader)
                options.AddRange(
                    leaders
                        .GroupBy(x => x.UserId)
                        .Select(g => new InspectorOption(
                            g.Key,
                            names.GetValueOrDefault(g.Key) ?? "",
                            code,
                            Loc.T("班组长：", "Team leader: ") + string.Join("、", g.Select(x => x.Name))
                        ))
                );
        }
        return
        [
            .. options
                .Where(o => names.ContainsKey(o.UserId))
                .OrderBy(o => Array.IndexOf(levels, Qpi.Levels.First(x => x.Code == o.Level).Value))
                .ThenBy(o => o.Name),
        ];
    }
}
