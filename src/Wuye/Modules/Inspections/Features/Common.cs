using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

/// <summary>Names, dates and the acting user, shared by the inspection features.</summary>
public static class Qpi
{
    /// <summary>China has one time zone and no daylight saving: dates of checks and deadlines are China dates.</summary>
    public static readonly TimeSpan ChinaOffset = Wuye.Platform.Web.ChinaTime.Offset;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    public static readonly (CheckFrequency Value, string Code, string Zh, string En)[] Frequencies =
    [
        (CheckFrequency.Daily, "daily", "日查", "Daily"),
        (CheckFrequency.Weekly, "weekly", "周查", "Weekly"),
        (CheckFrequency.Biweekly, "biweekly", "两周查", "Biweekly"),
        (CheckFrequency.Monthly, "monthly", "月查", "Monthly"),
        (CheckFrequency.Quarterly, "quarterly", "季度查", "Quarterly"),
        (CheckFrequency.Semiannual, "semiannual", "半年查", "Semiannual"),
        (CheckFrequency.Annual, "annual", "年查", "Annual"),
    ];

    public static readonly (CheckArea Value, string Code, string Zh, string En)[] Areas =
    [
        (CheckArea.Safety, "safety", "安全", "Safety"),
        (CheckArea.Facilities, "facilities", "设施设备", "Facilities"),
        (CheckArea.Cleaning, "cleaning", "保洁", "Cleaning"),
        (CheckArea.Greening, "greening", "绿化", "Greening"),
        (CheckArea.Parking, "parking", "停车", "Parking"),
        (CheckArea.Repairs, "repairs", "维修", "Repairs"),
        (CheckArea.CustomerService, "customer_service", "客户服务", "Customer service"),
        (CheckArea.Etiquette, "etiquette", "礼仪", "Etiquette"),
    ];

    public static readonly (InspectorLevel Value, string Code, string Zh, string En)[] Levels =
    [
        (InspectorLevel.CompanyManagement, "company_management", "公司管理层", "Company management"),
        (InspectorLevel.QualityDepartment, "quality_department", "品质部（职能部门）", "Quality department"),
        (InspectorLevel.ProjectHead, "project_head", "项目负责人", "Project head"),
        (InspectorLevel.Supervisor, "supervisor", "业务主管", "Supervisor"),
        (InspectorLevel.TeamLeader, "team_leader", "班组长", "Team leader"),
    ];

    public static readonly (FindingType Value, string Code, string Zh, string En)[] FindingTypes =
    [
        (FindingType.Suggestion, "suggestion", "建议项", "Suggestion"),
        (FindingType.Rectification, "rectification", "整改项", "Rectification"),
        (FindingType.Deduction, "deduction", "扣分项", "Deduction"),
    ];

    /// <summary>Accepts the English code, the enum name or the Chinese name (as written in an .xlsx), case-insensitively.</summary>
    public static bool TryParse<T>((T Value, string Code, string Zh, string En)[] table, string? text, out T value) where T : struct
    {
        var t = text?.Trim() ?? "";
        foreach (var row in table)
            if (string.Equals(t, row.Code, StringComparison.OrdinalIgnoreCase) || string.Equals(t, row.Value.ToString(), StringComparison.OrdinalIgnoreCase)
                || t == row.Zh || string.Equals(t, row.En, StringComparison.OrdinalIgnoreCase))
            { value = row.Value; return true; }
        value = default;
        return false;
    }

    public static string Name<T>((T Value, string Code, string Zh, string En)[] table, T value) where T : struct =>
        table.First(r => EqualityComparer<T>.Default.Equals(r.Value, value)) is var r ? Loc.T(r.Zh, r.En) : value.ToString()!;

    public static string Code<T>((T Value, string Code, string Zh, string En)[] table, T value) where T : struct =>
        table.First(r => EqualityComparer<T>.Default.Equals(r.Value, value)).Code;

    public static string Allowed<T>((T Value, string Code, string Zh, string En)[] table) where T : struct =>
        string.Join(Loc.T("、", ", "), table.Select(r => Loc.T($"{r.Zh}（{r.Code}）", r.Code)));

    /// <summary>"2026-11" → the first day of that month.</summary>
    public static bool TryMonth(string? text, out DateOnly month)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", out var d)) return false;
        month = d;
        return true;
    }

    public static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

    public static async Task<string> UserNameAsync(WuyeDb db, Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";

    public static Guid Me(WuyeDb db) => db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");

    public static ValidationException Invalid(string field, string zh, string en) =>
        new(new Dictionary<string, string[]> { [field] = [Loc.T(zh, en)] });

    /// <summary>The company a company-level user acts for: the one given (if theirs) or their only one.</summary>
    public static Guid ActingCompany(WuyeDb db, Guid? given)
    {
        if (given is { } g && (db.Scope.IsGlobal || db.Scope.FullCompanies.Contains(g))) return g;
        if (given is null && db.Scope.FullCompanies.Length == 1) return db.Scope.FullCompanies[0];
        throw Invalid("companyId", "请选择您所在的公司", "Choose a company of yours");
    }
}

public sealed record StaffOption(Guid UserId, string Name, string Role);

/// <summary>Someone who may be given a plan at an inspector level.</summary>
public sealed record InspectorOption(Guid UserId, string Name, string Level, string Role);

public static class QpiStaff
{
    /// <summary>People who may be made responsible for a notice at a project: its staff and the company's managers.</summary>
    public static async Task<List<StaffOption>> ForProjectAsync(WuyeDb db, Guid projectId, Guid companyId, CancellationToken ct)
    {
        var grants = await StaffGrants(db, projectId, companyId).Select(r => new { r.UserId, r.Role }).ToListAsync(ct);
        var ids = grants.Select(g => g.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. grants.GroupBy(r => r.UserId).Select(g => new StaffOption(g.Key, names.GetValueOrDefault(g.Key) ?? "", string.Join("、", g.Select(x => Platform.Identity.Roles.Name(x.Role)).Distinct())))
            .OrderBy(s => s.Role.Contains(Loc.T("项目经理", "Project manager")) ? 0 : 1).ThenBy(s => s.Name)];
    }

    /// <summary>
    /// The roles that make up each inspector level of seed 004 (公司管理层 → 职能部门 → 项目负责人 → 业务主管 → 班组长).
    /// Team leaders are not a role: they are the leaders named on the company's teams (班组).
    /// </summary>
    public static string[] RolesOf(InspectorLevel level) => level switch
    {
        InspectorLevel.CompanyManagement => [Platform.Identity.Roles.CompanyManager],
        InspectorLevel.QualityDepartment => [Platform.Identity.Roles.QualityInspector],
        InspectorLevel.ProjectHead => [Platform.Identity.Roles.ProjectManager],
        InspectorLevel.Supervisor => [Platform.Identity.Roles.CustomerService, Platform.Identity.Roles.Steward, Platform.Identity.Roles.SecurityGuard, Platform.Identity.Roles.MonitoringCenter],
        _ => [],
    };

    /// <summary>
    /// The people of a company who can inspect at a level (all levels when none is given). The caller has
    /// been cleared to plan for this company (<see cref="Qpi.ActingCompany"/>); the role table's own filter
    /// would hide grants from a platform admin's view of nothing in particular and show an owners' committee
    /// as staff, so the lookup reads the company's grants directly, one table per query.
    /// </summary>
    public static async Task<List<InspectorOption>> InspectorsAsync(WuyeDb db, Guid companyId, InspectorLevel? level, CancellationToken ct)
    {
        var levels = level is { } l ? [l] : Qpi.Levels.Select(x => x.Value).ToArray();
        var roles = levels.SelectMany(RolesOf).ToList();
        var grants = await db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CompanyId == companyId && roles.Contains(r.Role)).Select(r => new { r.UserId, r.Role }).Distinct().ToListAsync(ct);
        var leaders = levels.Contains(InspectorLevel.TeamLeader)
            ? await db.Set<InspectionTeam>().IgnoreQueryFilters().AsNoTracking().Where(t => t.CompanyId == companyId && t.LeaderUserId != null)
                .Select(t => new { UserId = t.LeaderUserId!.Value, t.Name }).Distinct().ToListAsync(ct)
            : [];
        var ids = grants.Select(g => g.UserId).Concat(leaders.Select(x => x.UserId)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var options = new List<InspectorOption>();
        foreach (var lv in levels)
        {
            var code = Qpi.Code(Qpi.Levels, lv);
            var lvRoles = RolesOf(lv);
            options.AddRange(grants.Where(g => lvRoles.Contains(g.Role)).GroupBy(g => g.UserId)
                .Select(g => new InspectorOption(g.Key, names.GetValueOrDefault(g.Key) ?? "", code, string.Join("、", g.Select(x => Platform.Identity.Roles.Name(x.Role)).Distinct()))));
            if (lv == InspectorLevel.TeamLeader)
                options.AddRange(leaders.GroupBy(x => x.UserId).Select(g => new InspectorOption(g.Key, names.GetValueOrDefault(g.Key) ?? "", code,
                    Loc.T("班组长：", "Team leader: ") + string.Join("、", g.Select(x => x.Name)))));
        }
        return [.. options.Where(o => names.ContainsKey(o.UserId)).OrderBy(o => Array.IndexOf(levels, Qpi.Levels.First(x => x.Code == o.Level).Value)).ThenBy(o => o.Name)];
    }

    /// <summary>
    /// Role grants at a project (or at its company). The caller has already been shown the project, so who
    /// works there is theirs to know even when the role filter (own grants, or a managed company's) hides
    /// the rows; the filter is lifted for this one-table query only, never inside a larger one.
    /// </summary>
    public static IQueryable<Platform.Identity.RoleAssignment> StaffGrants(WuyeDb db, Guid projectId, Guid companyId) =>
        db.RoleAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ProjectId == projectId || (r.ProjectId == null && r.CompanyId == companyId));
}
