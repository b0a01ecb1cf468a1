using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Domain;

/// <summary>
/// A department a complaint can concern, as one company names it (its code is stored on the
/// complaint). A company with no rows uses <see cref="Departments.All"/>; its first change writes
/// those defaults as its own rows. Retired departments are archived: old complaints keep their name.
/// </summary>
internal sealed class ComplaintDepartment : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>A new department of the company whose rows are <paramref name="companyRows"/>: its code unused, its name not that of one in
    /// use.</summary>
    public static ComplaintDepartment Add(
        IReadOnlyCollection<ComplaintDepartment> companyRows,
        Guid companyId,
        string code,
        string name,
        string? nameEn,
        int? sortOrder
    )
    {
        if (companyRows.Any(d => d.Code == code))
            throw new RuleException("complaint_department.duplicate", $"部门代码 {code} 已存在", $"The department code {code} is taken");
        if (companyRows.Any(d => d.Name == name && d.ArchivedAt == null))
            throw new RuleException(
                "complaint_department.duplicate",
                $"已有名为“{name}”的部门",
                $"There is already a department named {name}"
            );
        return new ComplaintDepartment
        {
            CompanyId = companyId,
            Code = code,
            Name = name,
            NameEn = nameEn,
            SortOrder = sortOrder ?? (companyRows.Count == 0 ? 0 : companyRows.Max(x => x.SortOrder) + 1),
        };
    }

    /// <summary>Renames (and reorders) it; no other department in use may have the name. The code stays.</summary>
    public void Rename(IReadOnlyCollection<ComplaintDepartment> companyRows, string name, string? nameEn, int? sortOrder)
    {
        if (companyRows.Any(x => x.Code != Code && x.Name == name && x.ArchivedAt == null))
            throw new RuleException(
                "complaint_department.duplicate",
                $"已有名为“{name}”的部门",
                $"There is already a department named {name}"
            );
        Name = name;
        NameEn = nameEn;
        if (sortOrder is { } order)
            SortOrder = order;
    }

    /// <summary>Retires it (the last one in use stays), or brings it back.</summary>
    public void Archive(IReadOnlyCollection<ComplaintDepartment> companyRows, bool archived, DateTimeOffset now)
    {
        if (archived && companyRows.Count(x => x.ArchivedAt == null) == 1 && ArchivedAt == null)
            throw new RuleException("complaint_department.last", "至少要保留一个在用的部门", "At least one department must stay in use");
        ArchivedAt = archived ? ArchivedAt ?? now : null;
    }
}

/// <summary>The default departments of a company that has not set its own (codes stored on the complaint).</summary>
internal static class Departments
{
    public static readonly IReadOnlyList<(string Code, string Zh, string En)> All =
    [
        ("customer_service", "客服部", "Customer service"),
        ("engineering", "工程部", "Engineering"),
        ("security", "秩序部", "Security"),
        ("cleaning", "环境部（保洁）", "Cleaning"),
        ("greening", "环境部（绿化）", "Greening"),
        ("finance", "财务部", "Finance"),
        ("management", "管理处", "Management office"),
    ];

    public static string Name(string code) =>
        All.FirstOrDefault(d => d.Code == code) is { Code: not null } d ? Wuye.Platform.Web.Loc.T(d.Zh, d.En) : code;
}
