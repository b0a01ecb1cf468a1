using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Domain;

internal enum ParkingKind
{
    Fixed,
    Rented,
    Public,
}

/// <summary>车位: fixed (sold), rented or public; a held space points at the holder's unit so its owner sees it.</summary>
internal sealed class ParkingSpace : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? HolderPersonId { get; set; }
    public required string Code { get; set; }
    public ParkingKind Kind { get; set; }
    public string? Location { get; set; }

    /// <summary>车位锁 installed (000/万科#3).</summary>
    public bool HasLock { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>
    /// The space's kind and holder: a held space points at the holder's unit (and its zone, and
    /// the unit's owner) so that owner sees it; a public space belongs to no unit.
    /// </summary>
    public void Assign(ParkingKind kind, string? location, bool hasLock, Unit? unit, Guid? holderPersonId)
    {
        Kind = kind;
        Location = location;
        HasLock = hasLock;
        UnitId = unit?.Id;
        ZoneId = unit?.ZoneId;
        HolderPersonId = unit is null ? null : holderPersonId;
        if (Kind == ParkingKind.Public && UnitId is not null)
            throw ValidationException.For("unitId", "公共车位不属于任何房屋", "A public space belongs to no unit");
    }
}

/// <summary>设施设备: the equipment register (001 ch.2.3).</summary>
internal sealed class Asset : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? BuildingId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AssetCategory Category { get; set; }
    public string? Location { get; set; }
    public Guid? VendorId { get; set; }
    public DateOnly? InstallDate { get; set; }
    public DateOnly? NextInspection { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

internal enum VendorService
{
    Cleaning,
    Greening,
    Security,
    ElevatorMaintenance,
    Other,
}

/// <summary>外包单位: an outsourced service company working for the property company (000#15–18).</summary>
internal sealed class Vendor : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    public VendorService Service { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public DateOnly? ContractEnd { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A resident's vehicle, registered against a unit.</summary>
internal sealed class Vehicle : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid? UnitId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? ParkingSpaceId { get; set; }
    public required string Plate { get; set; }
    public string? Model { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Registers the vehicle at a unit (its zone, and its owner as the person); staying at the same unit keeps the
    /// person.</summary>
    public void PlaceAt(Unit unit, Guid? ownerPersonId)
    {
        if (UnitId == unit.Id)
            return;
        UnitId = unit.Id;
        ZoneId = unit.ZoneId;
        PersonId = ownerPersonId;
    }
}

internal enum ImportStatus
{
    Checked,
    Committed,
}

/// <summary>
/// An uploaded onboarding file for one project. The file itself is kept so that the commit
/// re-reads exactly what the dry run showed, against the database as it is at commit time.
/// </summary>
internal sealed class ImportBatch : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string FileName { get; set; }
    public long FileSize { get; set; }
    public required string Sha256 { get; set; }
    public ImportStatus Status { get; set; }
    public Guid? UserId { get; set; }
    public int Rows { get; set; }
    public int ToCreate { get; set; }
    public int ToUpdate { get; set; }
    public int Unchanged { get; set; }
    public int Errors { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }
    public int? CommitMilliseconds { get; set; }

    /// <summary>Refuses a second commit of the same file.</summary>
    public void EnsureNotCommitted()
    {
        if (Status == ImportStatus.Committed)
            throw new RuleException("import.already_committed", "这个文件已经导入过了", "This import has already been committed");
    }

    /// <summary>The file is imported: all rows, at <paramref name="now"/>, taking <paramref name="milliseconds"/>.</summary>
    public void Commit(DateTimeOffset now, int milliseconds)
    {
        EnsureNotCommitted();
        Status = ImportStatus.Committed;
        CommittedAt = now;
        CommitMilliseconds = milliseconds;
    }
}

/// <summary>One look at a person's full phone or ID number: who, when, which fields.</summary>
internal sealed class PersonalDataAccess : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }

    /// <summary>The zone of the person's home, so a steward may look only at their own zone's residents.</summary>
    public Guid? ZoneId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public required string Purpose { get; set; }
}

/// <summary>
/// The bytes of an uploaded file, apart from <see cref="ImportBatch"/> so that the audit log
/// (written for every Entity) does not copy megabytes of file into each history row. Reached
/// only through its batch, which the scope filters.
/// </summary>
internal sealed class ImportFile
{
    public Guid BatchId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>班组: a team on a project (or company-wide), possibly an outsourced vendor's crew.</summary>
internal sealed class Team : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public required string Name { get; set; }
    public TeamKind Kind { get; set; }
    public Guid? VendorId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>员工: security, engineering, cleaning and service staff, own or a vendor's, with their team.</summary>
internal sealed class StaffMember : Entity, IScoped, IArchivable
{
    public Guid CompanyId { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? VendorId { get; set; }

    /// <summary>The sign-in account, when the person uses Wuye themselves.</summary>
    public Guid? UserId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Position { get; set; }
    public bool IsLeader { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>Phone, position and leadership; an absent phone keeps the stored (masked on screen) number, empty clears it.</summary>
    public void Describe(string? phone, string? position, bool isLeader)
    {
        if (phone is not null)
            Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Position = position?.Trim();
        IsLeader = isLeader;
    }

    /// <summary>Moves the member to a team (of their own project), taking the team's vendor.</summary>
    public void JoinTeam(Team team)
    {
        TeamId = team.Id;
        VendorId = team.VendorId;
    }
}
