using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Contracts;

public enum ProjectKind
{
    Residential,
    Office,
}

public enum OccupantRelation
{
    Owner,
    Family,
    Tenant,
}

public enum TeamKind
{
    Security,
    Engineering,
    Cleaning,
    Greening,
    CustomerService,
    Other,
}

// What other modules may read of the master data: read-only views of the tree and its people.
// Each is an IQueryable that composes into the caller's own query (EF turns it into a join or a
// subquery of the same SQL statement), under the same scope filters as the tables behind it.
// Properties are named as on the records they show, so a view reads like the table it hides.

public sealed class CompanyRef
{
    public Guid Id { get; init; }
    public Guid? RegulatorId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>统一社会信用代码.</summary>
    public string? CreditCode { get; init; }
    public string? ContactPhone { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed class ProjectRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public string Name { get; init; } = "";
    public ProjectKind Kind { get; init; }
    public string? Address { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed class ZoneRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public string Name { get; init; } = "";
    public Guid? StewardUserId { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed class BuildingRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? ZoneId { get; init; }
    public string Name { get; init; } = "";
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed class UnitRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? ZoneId { get; init; }
    public Guid BuildingId { get; init; }
    public string Number { get; init; } = "";
    public decimal? Area { get; init; }
    public DateOnly? HandoverDate { get; init; }

    /// <summary>The end of the developer's warranty (保修期), when known.</summary>
    public DateOnly? WarrantyEnd { get; init; }

    /// <summary>三室两厅, 办公…: fee items may apply to one type only.</summary>
    public string? UnitType { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The building's name.</summary>
    public string? BuildingName { get; init; }

    /// <summary>"3幢 1201": building and number, as staff say it.</summary>
    public string Label { get; init; } = "";

    /// <summary>"锦绣花园 3幢 1201": with the project, for people who have homes in several.</summary>
    public string FullLabel { get; init; } = "";
}

/// <summary>A unit's label only ("3幢 1201"): the narrow view for lists that show it beside their own rows.</summary>
public sealed class UnitLabelRef
{
    public Guid Id { get; init; }
    public string Label { get; init; } = "";
}

public sealed class PersonRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid? ProjectId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Personal data: show it masked unless the reader is allowed the full number.</summary>
    public string? Phone { get; init; }
    public Guid? UserId { get; init; }

    /// <summary>Personal data (a greeting's date): show the month and day only.</summary>
    public DateOnly? Birthday { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>A person's link to a unit (owner, family, tenant), current from <see cref="Since"/> through <see cref="Until"/>.</summary>
public sealed class OccupantRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? ZoneId { get; init; }
    public Guid UnitId { get; init; }
    public Guid PersonId { get; init; }
    public OccupantRelation Relation { get; init; }

    /// <summary>For family members: 配偶, 子女, 父母….</summary>
    public string? Kinship { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
}

public sealed class TeamRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid? ProjectId { get; init; }
    public string Name { get; init; } = "";
    public TeamKind Kind { get; init; }

    /// <summary>The outsourced vendor whose crew the team is (none for the company's own staff).</summary>
    public Guid? VendorId { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>An outsourced vendor (外包单位) as other modules read it: its service and the end of its contract.</summary>
public sealed class VendorRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The vendor's service as its English name: Cleaning, Greening, Security, ElevatorMaintenance, Other.</summary>
    public string Service { get; init; } = "";
    public DateOnly? ContractEnd { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

public sealed class StaffRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid? ProjectId { get; init; }
    public Guid? TeamId { get; init; }
    public Guid? UserId { get; init; }
    public string Name { get; init; } = "";
    public bool IsLeader { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>The views, read off the shared context: <c>db.UnitRefs().Where(u => u.Id == id).Select(u => u.Label)</c>.</summary>
public static class MasterDataReads
{
    public static IQueryable<CompanyRef> CompanyRefs(this WuyeDb db) =>
        db.Set<Company>()
            .Select(c => new CompanyRef
            {
                Id = c.Id,
                RegulatorId = c.RegulatorId,
                Name = c.Name,
                CreditCode = c.CreditCode,
                ContactPhone = c.ContactPhone,
                ArchivedAt = c.ArchivedAt,
            });

    public static IQueryable<ProjectRef> ProjectRefs(this WuyeDb db) =>
        db.Set<Project>()
            .Select(p => new ProjectRef
            {
                Id = p.Id,
                CompanyId = p.CompanyId,
                Name = p.Name,
                Kind = p.Kind,
                Address = p.Address,
                ArchivedAt = p.ArchivedAt,
            });

    public static IQueryable<ZoneRef> ZoneRefs(this WuyeDb db) =>
        db.Set<Zone>()
            .Select(z => new ZoneRef
            {
                Id = z.Id,
                CompanyId = z.CompanyId,
                ProjectId = z.ProjectId,
                Name = z.Name,
                StewardUserId = z.StewardUserId,
                ArchivedAt = z.ArchivedAt,
            });

    public static IQueryable<BuildingRef> BuildingRefs(this WuyeDb db) =>
        db.Set<Building>()
            .Select(b => new BuildingRef
            {
                Id = b.Id,
                CompanyId = b.CompanyId,
                ProjectId = b.ProjectId,
                ZoneId = b.ZoneId,
                Name = b.Name,
                ArchivedAt = b.ArchivedAt,
            });

    // The tables are captured as locals, not called inside the lambda: EF reads a captured field cheaply,
    // but evaluates a method call inside a query (db.Set<T>(), db.UnitRefs()) by compiling it, on every
    // execution. Callers compose a view the same way: var units = db.UnitRefs(); … units.Where(…) ….
    public static IQueryable<UnitRef> UnitRefs(this WuyeDb db)
    {
        var buildings = db.Set<Building>();
        var projects = db.Set<Project>();
        return db.Set<Unit>()
            .Select(u => new UnitRef
            {
                Id = u.Id,
                CompanyId = u.CompanyId,
                ProjectId = u.ProjectId,
                ZoneId = u.ZoneId,
                BuildingId = u.BuildingId,
                Number = u.Number,
                Area = u.Area,
                HandoverDate = u.HandoverDate,
                WarrantyEnd = u.WarrantyEnd,
                UnitType = u.UnitType,
                ArchivedAt = u.ArchivedAt,
                BuildingName = buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault(),
                Label = buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number,
                FullLabel =
                    projects.Where(p => p.Id == u.ProjectId).Select(p => p.Name).FirstOrDefault()
                    + " "
                    + buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault()
                    + " "
                    + u.Number,
            });
    }

    /// <summary>Units with their label only: compose it into hot lists (a smaller query tree than <see cref="UnitRefs"/> for EF to check on
    /// each run).</summary>
    public static IQueryable<UnitLabelRef> UnitLabels(this WuyeDb db)
    {
        var buildings = db.Set<Building>();
        return db.Set<Unit>()
            .Select(u => new UnitLabelRef
            {
                Id = u.Id,
                Label = buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).FirstOrDefault() + " " + u.Number,
            });
    }

    public static IQueryable<PersonRef> PersonRefs(this WuyeDb db) =>
        db.Set<Person>()
            .Select(p => new PersonRef
            {
                Id = p.Id,
                CompanyId = p.CompanyId,
                ProjectId = p.ProjectId,
                Name = p.Name,
                Phone = p.Phone,
                UserId = p.UserId,
                Birthday = p.Birthday,
                ArchivedAt = p.ArchivedAt,
            });

    public static IQueryable<OccupantRef> OccupantRefs(this WuyeDb db) =>
        db.Set<UnitOccupant>()
            .Select(o => new OccupantRef
            {
                Id = o.Id,
                CompanyId = o.CompanyId,
                ProjectId = o.ProjectId,
                ZoneId = o.ZoneId,
                UnitId = o.UnitId,
                PersonId = o.PersonId,
                Relation = o.Relation,
                Kinship = o.Kinship,
                Since = o.Since,
                Until = o.Until,
            });

    public static IQueryable<TeamRef> TeamRefs(this WuyeDb db) =>
        db.Set<Team>()
            .Select(t => new TeamRef
            {
                Id = t.Id,
                CompanyId = t.CompanyId,
                ProjectId = t.ProjectId,
                Name = t.Name,
                Kind = t.Kind,
                VendorId = t.VendorId,
                ArchivedAt = t.ArchivedAt,
            });

    public static IQueryable<VendorRef> VendorRefs(this WuyeDb db) =>
        db.Set<Vendor>()
            .Select(v => new VendorRef
            {
                Id = v.Id,
                CompanyId = v.CompanyId,
                Name = v.Name,
                Service =
                    v.Service == VendorService.Cleaning ? "Cleaning"
                    : v.Service == VendorService.Greening ? "Greening"
                    : v.Service == VendorService.Security ? "Security"
                    : v.Service == VendorService.ElevatorMaintenance ? "ElevatorMaintenance"
                    : "Other",
                ContractEnd = v.ContractEnd,
                ArchivedAt = v.ArchivedAt,
            });

    public static IQueryable<StaffRef> StaffRefs(this WuyeDb db) =>
        db.Set<StaffMember>()
            .Select(m => new StaffRef
            {
                Id = m.Id,
                CompanyId = m.CompanyId,
                ProjectId = m.ProjectId,
                TeamId = m.TeamId,
                UserId = m.UserId,
                Name = m.Name,
                IsLeader = m.IsLeader,
                ArchivedAt = m.ArchivedAt,
            });

    /// <summary>The signed-in owner's homes (their scope's units), labelled project + building + number.</summary>
    public static IQueryable<UnitRef> OwnUnitRefs(this WuyeDb db)
    {
        var own = db.Scope.Units;
        return db.UnitRefs().Where(u => own.Contains(u.Id));
    }
}
