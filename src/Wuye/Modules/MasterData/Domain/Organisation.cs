using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Domain;

/// <summary>主管部门: a county or street office overseeing property companies.</summary>
internal sealed class Regulator : Entity, IRegulatorRecord
{
    public required string Name { get; set; }
    public string? RegionCode { get; set; }
}

/// <summary>物业公司: the tenant boundary.</summary>
[ScopeSelf(ScopeLevel.Company)]
internal sealed class Company : Entity, IScoped, IArchivable, IUnitAncestor, IScopeSource
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
internal sealed class Project : Entity, IScoped, IArchivable, IUnitAncestor
{
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public ProjectKind Kind { get; set; }
    public string? Address { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>片区, looked after by a steward (片区管家).</summary>
[ScopeSelf(ScopeLevel.Zone)]
internal sealed class Zone : Entity, IScoped, IArchivable, IUnitAncestor, IScopeSource
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public Guid? StewardUserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>楼栋.</summary>
internal sealed class Building : Entity, IScoped, IArchivable, IUnitAncestor
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public required string Name { get; set; }
    public int? Floors { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>
    /// Puts the building in a zone (or none). Its units copy their building's zone for the scope
    /// filters, so they move with it: pass them when the building is already stored.
    /// </summary>
    public void MoveToZone(Guid? zoneId, IEnumerable<Unit> units)
    {
        if (ZoneId == zoneId)
            return;
        foreach (var unit in units.Where(u => u.BuildingId == Id))
            unit.ZoneId = zoneId;
        ZoneId = zoneId;
    }
}

/// <summary>房屋 / 单元.</summary>
[ScopeSelf(ScopeLevel.Unit)]
internal sealed class Unit : Entity, IScoped, IArchivable, IScopeSource
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

    /// <summary>A unit stays in its building: moving it means archiving it and creating it in the other one.</summary>
    public void StayIn(Guid? buildingId)
    {
        if (buildingId is { } b && b != BuildingId)
            throw ValidationException.For(
                "buildingId",
                "房屋不能换楼栋；请归档后在新楼栋中新建",
                "A unit cannot move to another building; archive it and create it there"
            );
    }

    /// <summary>The unit's description; the area is kept to two decimals (m²).</summary>
    public void Describe(int? floor, decimal? area, string? unitType, DateOnly? handoverDate, DateOnly? warrantyEnd)
    {
        Floor = floor;
        Area = area is { } a ? Math.Round(a, 2) : null;
        UnitType = unitType;
        HandoverDate = handoverDate;
        WarrantyEnd = warrantyEnd;
    }
}

/// <summary>A person known to the company: owner, family member, tenant.</summary>
internal sealed class Person : Entity, IScoped, IArchivable, IPersonalRecord, IScopeSource
{
    public Guid CompanyId { get; set; }

    /// <summary>The project the person lives or works in; keeps people as private as their project, not visible company-wide.</summary>
    public Guid? ProjectId { get; set; }
    public required string Name { get; set; }

    [Wuye.Platform.Audit.Sensitive]
    public string? Phone { get; set; }

    [Wuye.Platform.Audit.Sensitive]
    public string? IdNumber { get; set; }
    public DateOnly? Birthday { get; set; }

    /// <summary>The sign-in account of this person, for the owner portal.</summary>
    public Guid? UserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>
    /// Phone, ID number and birthday. Absent (null) keeps the stored value, empty clears it: an edit
    /// form never shows the full numbers, so it sends them only when someone types new ones. Without
    /// a birthday, the ID number's is taken.
    /// </summary>
    public void SetPersonalData(string? phone, string? idNumber, DateOnly? birthday)
    {
        if (phone is not null)
            Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (idNumber is not null)
            IdNumber = string.IsNullOrWhiteSpace(idNumber) ? null : idNumber.Trim().ToUpperInvariant();
        Birthday = birthday ?? (IdNumber is null ? null : IdNumbers.Birthday(IdNumber));
    }
}

/// <summary>The link between a person and a unit, with the relation.</summary>
internal sealed class UnitOccupant : Entity, IScoped, IScopeSource
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

    /// <summary>Holds today: not ended, or ending today or later (<see cref="Until"/> is the last day).</summary>
    public bool IsCurrent(DateOnly today) => Until is null || Until >= today;

    /// <summary>
    /// Links a person to a unit. There is one row per unit, person and relation (the import matches
    /// links by them): an ended link comes back with the new dates, its earlier period kept in its
    /// change history; a current one is a duplicate. Returns the link, new or found.
    /// </summary>
    public static UnitOccupant Link(
        UnitOccupant? existing,
        Unit unit,
        Guid personId,
        OccupantRelation relation,
        string? kinship,
        DateOnly? since,
        DateOnly? until,
        DateOnly today
    )
    {
        if (existing is { } current && current.IsCurrent(today))
            throw new RuleException(
                "occupant.duplicate",
                "此人已以该身份登记在这套房屋",
                "This person is already linked to the unit with that relation"
            );
        var link = existing
            ?? new UnitOccupant
            {
                CompanyId = unit.CompanyId,
                ProjectId = unit.ProjectId,
                ZoneId = unit.ZoneId,
                UnitId = unit.Id,
                PersonId = personId,
                Relation = relation,
            };
        link.Kinship = kinship?.Trim();
        link.Since = since;
        link.Until = until;
        return link;
    }

    /// <summary>A change of relation, kinship (kept for family members only) or dates (a tenant's lease).</summary>
    public void Change(OccupantRelation relation, string? kinship, DateOnly? since, DateOnly? until)
    {
        Relation = relation;
        Kinship = relation == OccupantRelation.Family && !string.IsNullOrWhiteSpace(kinship) ? kinship.Trim() : null;
        Since = since;
        Until = until;
    }

    /// <summary>
    /// Ends the link on <paramref name="lastDay"/> (a lease's end, the day of moving out): kept as
    /// history, never deleted. A link that has already ended stays as it ended.
    /// </summary>
    public void End(DateOnly lastDay, DateOnly today)
    {
        if (Until is { } ended && ended < today)
            throw new RuleException(
                "occupant.ended",
                $"该关系已于 {ended:yyyy-MM-dd} 结束",
                $"This link already ended on {ended:yyyy-MM-dd}"
            );
        if (Since is { } since && lastDay < since)
            throw ValidationException.For(
                "until",
                $"结束日期不能早于开始日期 {since:yyyy-MM-dd}",
                $"The end date cannot be before the start ({since:yyyy-MM-dd})"
            );
        Until = lastDay;
    }
}

/// <summary>Records others refer to are archived, never deleted: they leave lists but keep their history.</summary>
internal interface IArchivable
{
    DateTimeOffset? ArchivedAt { get; set; }
}

internal static class Records
{
    /// <summary>Archives the record; <paramref name="code"/> names it in the refusal ("unit" → unit.archived).</summary>
    public static void Archive(this IArchivable record, string code, DateTimeOffset now)
    {
        if (record.ArchivedAt is not null)
            throw new RuleException($"{code}.archived", "已经归档了", "Already archived");
        record.ArchivedAt = now;
    }

    /// <summary>Optimistic concurrency: the version the editor read must still be the record's.</summary>
    public static void CheckVersion(this Entity record, uint? version)
    {
        if (version is { } v && v != record.Version)
            throw new RuleException(
                "concurrency",
                "记录已被他人修改，请刷新后重试",
                "Someone else changed this record; reload and try again"
            );
    }
}
