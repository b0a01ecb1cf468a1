using Wuye.Platform.Database;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.MasterData.Domain;

/// <summary>主管部门: a county or street office overseeing property companies.</summary>
public sealed class Regulator : Entity, IRegulatorRecord
{
    public required string Name { get; set; }
    public string? RegionCode { get; set; }
}

/// <summary>物业公司: the tenant boundary.</summary>
[ScopeSelf(ScopeLevel.Company)]
public sealed class Company : Entity, IScoped, IArchivable, IUnitAncestor, IScopeSource
{
    public Guid? RegulatorId { get; set; }
    public required string Name { get; set; }
    /// <summary>统一社会信用代码</summary>
    public string? CreditCode { get; set; }
    public string? ContactPhone { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    Guid IScoped.CompanyId => Id;
}

/// <summary>项目 / 小区 / 写字楼.</summary>
[ScopeSelf(ScopeLevel.Project)]
public sealed class Project : Entity, IScoped, IArchivable, IUnitAncestor
{
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public ProjectKind Kind { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>片区, looked after by a steward (片区管家).</summary>
[ScopeSelf(ScopeLevel.Zone)]
public sealed class Zone : Entity, IScoped, IArchivable, IUnitAncestor, IScopeSource
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public Guid? StewardUserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>楼栋.</summary>
public sealed class Building : Entity, IScoped, IArchivable, IUnitAncestor
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public required string Name { get; set; }
    public int? Floors { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>房屋 / 单元.</summary>
[ScopeSelf(ScopeLevel.Unit)]
public sealed class Unit : Entity, IScoped, IArchivable, IScopeSource
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid BuildingId { get; set; }
    public required string Number { get; set; }
    public int? Floor { get; set; }
    public decimal? Area { get; set; }
    public string? UnitType { get; set; }
    public DateOnly? HandoverDate { get; set; }
    public DateOnly? WarrantyEnd { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A person known to the company: owner, family member, tenant.</summary>
public sealed class Person : Entity, IScoped, IArchivable, IPersonalRecord, IScopeSource
{
    public Guid CompanyId { get; set; }
    /// <summary>The project the person lives or works in; keeps people as private as their project, not visible company-wide.</summary>
    public Guid? ProjectId { get; set; }
    public required string Name { get; set; }
    [Wuye.Platform.Audit.Sensitive] public string? Phone { get; set; }
    [Wuye.Platform.Audit.Sensitive] public string? IdNumber { get; set; }
    public DateOnly? Birthday { get; set; }
    /// <summary>The sign-in account of this person, for the owner portal.</summary>
    public Guid? UserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>The link between a person and a unit, with the relation.</summary>
public sealed class UnitOccupant : Entity, IScoped, IScopeSource
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public OccupantRelation Relation { get; set; }
    /// <summary>For family members: how they are related to the owner (配偶, 子女, 父母…).</summary>
    public string? Kinship { get; set; }
    /// <summary>Move-in date; for tenants the lease start.</summary>
    public DateOnly? Since { get; set; }
    /// <summary>Move-out date; for tenants the lease end.</summary>
    public DateOnly? Until { get; set; }
}

/// <summary>Records others refer to are archived, never deleted: they leave lists but keep their history.</summary>
public interface IArchivable
{
    DateTimeOffset? ArchivedAt { get; set; }
}
