using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

internal sealed record DepartmentDto(string Code, string Name, string? NameEn, int SortOrder, bool Archived, bool IsDefault)
{
    public string Label => Loc.T(Name, NameEn ?? Name);
}

/// <summary>A department as posted; <see cref="CompanyId"/> names the company (optional for a manager of one company).</summary>
internal sealed partial record DepartmentInput(Guid? CompanyId, string? Code, string? Name, string? NameEn, int? SortOrder) : IValidatable
{
    [GeneratedRegex("^[a-z][a-z0-9_]{1,39}$")]
    private static partial Regex CodePattern();

    public void Validate(Validator v)
    {
        v.Required("name", Name, "部门名称", "Name")
            .MaxLength("name", Name, 50, "部门名称", "Name")
            .MaxLength("nameEn", NameEn, 100, "英文名称", "English name")
            .Range("sortOrder", SortOrder, 0, 999, "排序", "Sort order");
        if (!string.IsNullOrWhiteSpace(Code) && !CodePattern().IsMatch(Code.Trim()))
            v.Add(
                "code",
                "部门代码应为 2–40 位小写字母、数字或下划线，以字母开头",
                "The code must be 2–40 lower-case letters, digits or underscores, starting with a letter"
            );
    }
}

/// <summary>
/// The departments a company's complaints can concern (涉及部门), managed by its company managers.
/// Departments are addressed by code within the company, so a company still on the defaults can
/// rename or retire one of them: its first change writes the defaults as its own rows.
/// Shared by intake, classification, the figures and the department use cases.
/// </summary>
internal sealed class ComplaintDepartments(WuyeDb db)
{
    /// <summary>
    /// A company's list (its rows, or the defaults). Read past the caller's scope with the company
    /// fixed, because an owner's intake is checked against it; callers pass a company they may see.
    /// </summary>
    public async Task<List<DepartmentDto>> ListAsync(Guid companyId, bool includeArchived, CancellationToken ct)
    {
        var rows = await db.Set<ComplaintDepartment>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(d => d.CompanyId == companyId)
            .OrderBy(d => d.SortOrder)
            .ThenBy(d => d.Name)
            .ToListAsync(ct);
        if (rows.Count == 0)
            return [.. Defaults(companyId).Select(d => Dto(d, true))];
        return [.. rows.Where(d => includeArchived || d.ArchivedAt == null).Select(d => Dto(d, false))];
    }

    /// <summary>Adds a field error for every code that is not an active department of the company (codes already on the complaint stay
    /// allowed).</summary>
    public async Task CheckAsync(
        Validator v,
        Guid companyId,
        IEnumerable<string>? codes,
        IReadOnlyCollection<string> kept,
        CancellationToken ct
    )
    {
        var wanted = (codes ?? []).Distinct().Where(c => !kept.Contains(c)).ToList();
        if (wanted.Count == 0)
            return;
        var active = (await ListAsync(companyId, false, ct)).Select(d => d.Code).ToHashSet();
        foreach (var code in wanted.Where(c => !active.Contains(c)))
            v.Add("departments", $"本公司没有该部门，或已停用：{code}", $"Not a department of this company, or retired: {code}");
    }

    /// <summary>Names by code for labels: the readable companies' own names (archived included), then the defaults.</summary>
    public async Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<Guid> companyIds, CancellationToken ct)
    {
        var names = Departments.All.ToDictionary(d => d.Code, d => Loc.T(d.Zh, d.En));
        var rows = await db.Set<ComplaintDepartment>()
            .AsNoTracking()
            .Where(d => companyIds.Contains(d.CompanyId))
            .OrderBy(d => d.CompanyId)
            .ThenBy(d => d.SortOrder)
            .Select(d => new
            {
                d.Code,
                d.Name,
                d.NameEn,
            })
            .ToListAsync(ct);
        foreach (var r in rows.DistinctBy(r => r.Code))
            names[r.Code] = Loc.T(r.Name, r.NameEn ?? r.Name);
        return names;
    }

    /// <summary>The company's tracked rows; a company still on the defaults gets them written as its own first (same save).</summary>
    public async Task<List<ComplaintDepartment>> OwnRowsAsync(Guid companyId, CancellationToken ct)
    {
        var rows = await db.Set<ComplaintDepartment>().Where(d => d.CompanyId == companyId).ToListAsync(ct);
        if (rows.Count > 0)
            return rows;
        rows = Defaults(companyId);
        db.AddRange(rows);
        return rows;
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two managers wrote the defaults (or the same code) at the same moment.
            throw new RuleException(
                "complaint_department.conflict",
                "部门列表刚被他人修改，请刷新后重试",
                "The department list was just changed by someone else; reload and try again"
            );
        }
    }

    private static List<ComplaintDepartment> Defaults(Guid companyId) =>
        [
            .. Departments.All.Select(
                (d, i) =>
                    new ComplaintDepartment
                    {
                        CompanyId = companyId,
                        Code = d.Code,
                        Name = d.Zh,
                        NameEn = d.En,
                        SortOrder = i,
                    }
            ),
        ];

    public static DepartmentDto Dto(ComplaintDepartment d, bool isDefault) =>
        new(d.Code, d.Name, d.NameEn, d.SortOrder, d.ArchivedAt != null, isDefault);

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>
    /// The company the request means: the one named (and visible to the caller), or the caller's
    /// only company. Null: not found; an admin who sees several companies must name one.
    /// </summary>
    public static async Task<Guid?> CompanyAsync(WuyeDb db, Guid? companyId, CancellationToken ct)
    {
        if (companyId is { } id)
            return await db.CompanyRefs().AsNoTracking().AnyAsync(c => c.Id == id, ct) ? id : null;
        var visible = await db.CompanyRefs().AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync(ct);
        return visible.Count switch
        {
            1 => visible[0],
            0 => null,
            _ => throw ValidationException.For("companyId", "请指定公司", "Name the company (companyId)"),
        };
    }

    /// <summary>The company, when the caller manages it (a company seen only through a lower grant is not theirs to change).</summary>
    public static async Task<Guid?> WritableAsync(WuyeDb db, Guid? companyId, CancellationToken ct) =>
        await CompanyAsync(db, companyId, ct) is { } company && db.Scope.CanWrite(company, null, null, null) ? company : null;
}
