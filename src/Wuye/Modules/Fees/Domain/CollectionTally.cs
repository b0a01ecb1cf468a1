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
/// The collection tally of a building's (and zone's) bill period: billed (event period 0), paid and credited in an event
/// period (the China month of the allocations), households whose bills of the period were settled in an event period
/// (<see cref="Bill.OpenPeriod"/>: not yet). Kept by PostgreSQL (migration 0150): writers append
/// <see cref="CollectionTallyChange"/> rows, the tally job folds them in; readers add both. Read only here.
/// </summary>
internal class CollectionTallyRow : IScoped
{
    public long Id { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid BuildingId { get; set; }
    public int BillPeriod { get; set; }
    public int EventPeriod { get; set; }
    public decimal Billed { get; set; }
    public decimal Paid { get; set; }
    public decimal Credited { get; set; }
    public int Households { get; set; }
}

/// <summary>The folded tally.</summary>
internal sealed class CollectionTally : CollectionTallyRow;

/// <summary>A change appended by the bill and allocation triggers, not yet folded into <see cref="CollectionTally"/>.</summary>
internal sealed class CollectionTallyChange : CollectionTallyRow;
