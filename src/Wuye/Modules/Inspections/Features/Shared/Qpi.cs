using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

/// <summary>Names, dates and the acting user, shared by the inspection features.</summary>
internal static class Qpi
{
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
    public static bool TryParse<T>((T Value, string Code, string Zh, string En)[] table, string? text, out T value)
        where T : struct
    {
        var t = text?.Trim() ?? "";
        foreach (var row in table)
            if (
                string.Equals(t, row.Code, StringComparison.OrdinalIgnoreCase)
                || string.Equals(t, row.Value.ToString(), StringComparison.OrdinalIgnoreCase)
                || t == row.Zh
                || string.Equals(t, row.En, StringComparison.OrdinalIgnoreCase)
            )
            {
                value = row.Value;
                return true;
            }
        value = default;
        return false;
    }

    public static string Name<T>((T Value, string Code, string Zh, string En)[] table, T value)
        where T : struct =>
        table.First(r => EqualityComparer<T>.Default.Equals(r.Value, value)) is var r ? Loc.T(r.Zh, r.En) : value.ToString()!;

    public static string Code<T>((T Value, string Code, string Zh, string En)[] table, T value)
        where T : struct => table.First(r => EqualityComparer<T>.Default.Equals(r.Value, value)).Code;

    public static string Allowed<T>((T Value, string Code, string Zh, string En)[] table)
        where T : struct => string.Join(Loc.T("、", ", "), table.Select(r => Loc.T($"{r.Zh}（{r.Code}）", r.Code)));

    /// <summary>"2026-11" → the first day of that month.</summary>
    public static bool TryMonth(string? text, out DateOnly month)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", out var d))
            return false;
        month = d;
        return true;
    }

    public static DateOnly MonthOf(DateOnly d) => new(d.Year, d.Month, 1);

    public static async Task<string> UserNameAsync(WuyeDb db, Guid userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";

    public static Guid Me(WuyeDb db) => db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");

    /// <summary>
    /// A result that records a check actually made: samples, a sample note, a note, a photo or a finding.
    /// New results cannot be blank (the input is refused); this also keeps older blank rows out of the counts.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<InspectionResult, bool>> Performed(WuyeDb db) =>
        r =>
            r.SampleCount > 0
            || r.SampleNote != null
            || r.Note != null
            || r.PhotoIds.Length > 0
            || db.Set<Finding>().Any(f => f.ResultId == r.Id);

    /// <summary>"2026-11" into the first day of that month, or today's month when none is given; a 400 when malformed.</summary>
    public static DateOnly MonthOrThis(string? month, TimeProvider clock)
    {
        var m = MonthOf(ChinaTime.Today(clock));
        if (month is not null && !TryMonth(month, out m))
            throw ValidationException.For("month", "月份格式应为 2026-11", "Month must look like 2026-11");
        return m;
    }

    /// <summary>The company a company-level user acts for: the one given (if theirs) or their only one.</summary>
    public static Guid ActingCompany(WuyeDb db, Guid? given)
    {
        if (given is { } g && (db.Scope.IsGlobal || db.Scope.FullCompanies.Contains(g)))
            return g;
        if (given is null && db.Scope.FullCompanies.Length == 1)
            return db.Scope.FullCompanies[0];
        throw ValidationException.For("companyId", "请选择您所在的公司", "Choose a company of yours");
    }
}
