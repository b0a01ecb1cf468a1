using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.MasterData.Data;

/// <summary>
/// The module's own tables on the shared context (methods, not properties: EF reads them inside
/// query expressions, where C# does not allow extension properties). Other modules read them only
/// through <c>Contracts/</c>.
/// </summary>
internal static class MasterDataSets
{
    public static DbSet<Regulator> Regulators(this WuyeDb db) => db.Set<Regulator>();

    public static DbSet<Company> Companies(this WuyeDb db) => db.Set<Company>();

    public static DbSet<Project> Projects(this WuyeDb db) => db.Set<Project>();

    public static DbSet<Zone> Zones(this WuyeDb db) => db.Set<Zone>();

    public static DbSet<Building> Buildings(this WuyeDb db) => db.Set<Building>();

    public static DbSet<Unit> Units(this WuyeDb db) => db.Set<Unit>();

    public static DbSet<Person> People(this WuyeDb db) => db.Set<Person>();

    public static DbSet<UnitOccupant> UnitOccupants(this WuyeDb db) => db.Set<UnitOccupant>();
}
