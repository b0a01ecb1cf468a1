using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Domain;

/// <summary>What a filing with the regulator is.</summary>
internal enum FilingKind
{
    /// <summary>市场准入/企业备案 (registration, qualifications).</summary>
    MarketEntry,

    /// <summary>物业服务合同备案, for a project.</summary>
    Contract,

    /// <summary>项目负责人、承接查验等其他备案.</summary>
    Other,
}

/// <summary>
/// A filing (备案) a company keeps with its regulator: market entry, a project's service contract, or another; the company records
/// it, its regulator reads it (regulators write no company records).
/// </summary>
internal sealed class CompanyFiling : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public FilingKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? Number { get; set; }
    public DateOnly FiledOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? Note { get; set; }
    public string FiledByName { get; set; } = "";

    public static CompanyFiling Create(
        Guid companyId,
        Guid? projectId,
        FilingKind kind,
        string title,
        string? number,
        DateOnly filedOn,
        DateOnly? validUntil,
        string? note,
        DateOnly today,
        string by
    )
    {
        if (filedOn > today)
            throw new RuleException("filing.future", "备案日期不能晚于今天", "The filing date cannot be in the future");
        if (validUntil is { } v && v < filedOn)
            throw new RuleException("filing.valid_until", "有效期不能早于备案日期", "Valid until cannot be before the filing date");
        if (kind == FilingKind.Contract && projectId is null)
            throw new RuleException("filing.contract_project", "合同备案须指明项目", "A contract filing names its project");
        return new()
        {
            CompanyId = companyId,
            ProjectId = projectId,
            Kind = kind,
            Title = title.Trim(),
            Number = string.IsNullOrWhiteSpace(number) ? null : number.Trim(),
            FiledOn = filedOn,
            ValidUntil = validUntil,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            FiledByName = by,
        };
    }

    public bool Lapsed(DateOnly today) => ValidUntil is { } v && v < today;
}

/// <summary>A company's contact for its regulator (联系人): name, position, phone.</summary>
internal sealed class CompanyContact : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string Phone { get; set; } = "";
}
