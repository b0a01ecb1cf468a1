using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Fees.Domain;

/// <summary>
/// A home's month (户·月) with periodic or metered bills: the month in which all of them were settled
/// (<see cref="Bill.OpenPeriod"/> while one is open). Kept by PostgreSQL from the bills (migration 0150); read only.
/// </summary>
internal sealed class HouseholdMonth : IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid BuildingId { get; set; }
    public Guid UnitId { get; set; }
    public int Period { get; set; }
    public int SettledPeriod { get; set; }
}

/// <summary>
/// What a building's (and zone's) collection rates of a period are made of, kept by PostgreSQL (migration 0150). Values of the
/// period alone: billed, paid and credited by its end on its bills; recovered (paid) and credited during it on earlier bills;
/// homes billed, homes settled by its end, homes that cleared their old arrears in it. Differences, added up over the periods
/// up to the one read: <see cref="OpenOld"/> (what earlier bills still owed at the period's start) and
/// <see cref="OwingHouseholds"/> (homes with an earlier month open at its start). Writers append
/// <see cref="CollectionTallyChange"/> rows, the tally job folds them in; readers add both. Read only here.
/// </summary>
internal class CollectionTallyRow : IScoped
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid BuildingId { get; set; }
    public int Period { get; set; }
    public decimal Billed { get; set; }
    public decimal Paid { get; set; }
    public decimal Credited { get; set; }
    public decimal Recovered { get; set; }
    public decimal CreditedOld { get; set; }
    public decimal OpenOld { get; set; }
    public int Households { get; set; }
    public int SettledHouseholds { get; set; }
    public int OwingHouseholds { get; set; }
    public int ClearedHouseholds { get; set; }
}

/// <summary>The folded tally.</summary>
internal sealed class CollectionTally : CollectionTallyRow;

/// <summary>A change appended by the bill and allocation triggers, not yet folded into <see cref="CollectionTally"/>.</summary>
internal sealed class CollectionTallyChange : CollectionTallyRow;
