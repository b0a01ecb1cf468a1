using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Contracts;

/// <summary>A parking space (车位) as other modules read it: fees bill the rent of a rented one to the unit holding it.</summary>
public sealed class ParkingSpaceRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? ZoneId { get; init; }

    /// <summary>The holder's unit; null for a public space.</summary>
    public Guid? UnitId { get; init; }
    public string Code { get; init; } = "";

    /// <summary>Rented (租用) rather than sold (Fixed) or public.</summary>
    public bool Rented { get; init; }

    /// <summary>Public (公共: temporary and visitors' parking), held by no unit.</summary>
    public bool Public { get; init; }

    /// <summary>Where it is ("地下一层"), as the register says.</summary>
    public string? Location { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>A resident's registered vehicle (登记车辆): its plate, the unit it is registered at, the person, the space it parks on.</summary>
public sealed class VehicleRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public Guid? UnitId { get; init; }
    public Guid? PersonId { get; init; }
    public Guid? ParkingSpaceId { get; init; }

    /// <summary>Upper case, no spaces ("浙H12345").</summary>
    public string Plate { get; init; } = "";
    public DateTimeOffset? ArchivedAt { get; init; }
}

public static class ParkingReads
{
    public static IQueryable<ParkingSpaceRef> ParkingSpaceRefs(this WuyeDb db) =>
        db.Set<ParkingSpace>()
            .Select(s => new ParkingSpaceRef
            {
                Id = s.Id,
                CompanyId = s.CompanyId,
                ProjectId = s.ProjectId,
                ZoneId = s.ZoneId,
                UnitId = s.UnitId,
                Code = s.Code,
                Rented = s.Kind == ParkingKind.Rented,
                Public = s.Kind == ParkingKind.Public,
                Location = s.Location,
                ArchivedAt = s.ArchivedAt,
            });

    public static IQueryable<VehicleRef> VehicleRefs(this WuyeDb db) =>
        db.Set<Vehicle>()
            .Select(v => new VehicleRef
            {
                Id = v.Id,
                CompanyId = v.CompanyId,
                ProjectId = v.ProjectId,
                UnitId = v.UnitId,
                PersonId = v.PersonId,
                ParkingSpaceId = v.ParkingSpaceId,
                Plate = v.Plate,
                ArchivedAt = v.ArchivedAt,
            });
}
