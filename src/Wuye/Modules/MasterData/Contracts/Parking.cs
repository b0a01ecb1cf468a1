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
                ArchivedAt = s.ArchivedAt,
            });
}
