using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>What a fee item charges on: a unit's area, the unit itself, or each rented parking space the unit holds.</summary>
internal enum FeeKind
{
    /// <summary>Area (m²) × price per m² per month: the management fee (物业管理费).</summary>
    AreaBased,

    /// <summary>A fixed amount per unit per month (垃圾清运费…).</summary>
    Fixed,

    /// <summary>Price per rented parking space per month (车位租金), billed to the unit holding the space.</summary>
    ParkingRent,

    /// <summary>
    /// 抄表计费 (水费、电费、燃气费): the household meter's usage of a period × price per unit of usage, billed when the reading is
    /// recorded (<see cref="UtilityReading"/>), not by the monthly run.
    /// </summary>
    Metered,

    /// <summary>一次性收费 (装修押金、装修垃圾清运费…): charged once on demand, by the desk or by another module's flow.</summary>
    OneOff,
}

/// <summary>
/// 收费项目: one fee of a project, charged monthly on the units (of one unit type, or all) or their
/// rented spaces, due on <see cref="DueDay"/> of the month billed. Late fees run at
/// <see cref="LateFeeDailyRate"/> of the amount owed per day after <see cref="GraceDays"/>, capped at
/// <see cref="LateFeeCap"/> of it. Its terms never change once bills carry it: a new price is a new item.
/// </summary>
internal sealed class FeeItem : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public required string Name { get; set; }
    public FeeKind Kind { get; set; }

    /// <summary>Per m² per month (area based), per month (fixed) or per space per month (parking), in yuan, to 4 places.</summary>
    public decimal UnitPrice { get; set; }

    /// <summary>Only units of this type (三室两厅, 办公…); null = every unit.</summary>
    public string? UnitType { get; set; }
    public RoundingRule Rounding { get; set; }

    /// <summary>
    /// 计费周期: months billed at once (1 monthly, 3 quarterly, 6 half-yearly, 12 yearly), in the first month of each calendar
    /// quarter, half or year (按季度预收: January, April, July, October).
    /// </summary>
    public int CycleMonths { get; set; } = 1;

    public static readonly int[] Cycles = [1, 3, 6, 12];

    /// <summary>Day of the billed month the bill is due (1–28).</summary>
    public int DueDay { get; set; } = 15;
    public int GraceDays { get; set; }

    /// <summary>Share of the amount owed charged per day late (0.0005 = 0.05%/day).</summary>
    public decimal LateFeeDailyRate { get; set; }

    /// <summary>Late fees never exceed this share of the amount owed (0.2 = 20%).</summary>
    public decimal LateFeeCap { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>What a metered item's usage is counted in (吨, 度, m³); null for the other kinds.</summary>
    public string? UsageUnit { get; set; }

    /// <summary>Whether the monthly run bills it (area based, fixed, parking rent); metered and one-off items are billed on
    /// their own.</summary>
    public bool Periodic => Kind is FeeKind.AreaBased or FeeKind.Fixed or FeeKind.ParkingRent;

    /// <summary>Whether a bill of <paramref name="period"/> (yyyyMM) carries this item: every month, or its cycle's first month.</summary>
    public bool BilledIn(int period) => Periodic && (period % 100 - 1) % Math.Max(1, CycleMonths) == 0;

    /// <summary>The amount for a quantity (m², 1 unit, n spaces) over the item's cycle, to the fen by the item's rounding rule.</summary>
    public decimal Charge(decimal quantity) => Money.Round(quantity * UnitPrice * (Periodic ? Math.Max(1, CycleMonths) : 1), Rounding);

    /// <summary>The line's basis as the owner reads it: "89.37 m² × 2.35 元/m²·月", "… × 3 个月" for a quarter.</summary>
    public string Basis(decimal quantity) =>
        MonthlyBasis(quantity) + (Periodic && CycleMonths > 1 ? Loc.T($" × {CycleMonths} 个月", $" × {CycleMonths} months") : "");

    private string MonthlyBasis(decimal quantity) =>
        Kind switch
        {
            FeeKind.AreaBased => $"{quantity:0.##} m² × {UnitPrice:0.00##} {Loc.T("元/m²·月", "yuan/m²·month")}",
            FeeKind.ParkingRent => $"{quantity:0} {Loc.T("个车位", "space(s)")} × {UnitPrice:0.00##} {Loc.T("元/月", "yuan/month")}",
            FeeKind.OneOff => quantity == 1
                ? $"{UnitPrice:0.00##} {Loc.T("元", "yuan")}"
                : $"{quantity:0.##} × {UnitPrice:0.00##} {Loc.T("元", "yuan")}",
            _ => $"{UnitPrice:0.00##} {Loc.T("元/月", "yuan/month")}",
        };

    public DateOnly DueDate(int period) => Periods.FirstDay(period).AddDays(DueDay - 1);

    /// <summary>
    /// A metered or one-off charge issued on <paramref name="issuedOn"/> (China date) is due <see cref="DueDay"/> days later
    /// (缴费期限): such a charge is raised whenever the reading or the event comes, not on the month's first day.
    /// </summary>
    public DateOnly DueAfterIssue(DateOnly issuedOn) => issuedOn.AddDays(DueDay);

    /// <summary>A metered line's basis: "读数 1200 → 1234，用量 34 吨 × 3.50 元/吨".</summary>
    public string MeteredBasis(decimal previous, decimal current)
    {
        var unit = UsageUnit ?? Loc.T("单位", "unit");
        return Loc.T(
            $"读数 {previous:0.##} → {current:0.##}，用量 {current - previous:0.##} {unit} × {UnitPrice:0.00##} 元/{unit}",
            $"Reading {previous:0.##} → {current:0.##}, {current - previous:0.##} {unit} × {UnitPrice:0.00##} yuan/{unit}"
        );
    }

    /// <summary>Whether a unit of this type pays this item.</summary>
    public bool AppliesTo(string? unitType) => UnitType is null || string.Equals(UnitType, unitType?.Trim(), StringComparison.Ordinal);

    public void Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
            throw new RuleException("fee_item.archived", "该收费项目已停用", "This fee item is already retired");
        ArchivedAt = now;
    }
}

/// <summary>滞纳金: per day late after the grace days, on what is still owed, capped.</summary>
internal static class LateFee
{
    /// <summary>Days counted from the day after due date + grace days through <paramref name="asOf"/>.</summary>
    public static int DaysLate(DateOnly due, int graceDays, DateOnly asOf) => Math.Max(0, asOf.DayNumber - due.DayNumber - graceDays);

    public static decimal Compute(decimal owed, DateOnly due, int graceDays, decimal dailyRate, decimal cap, DateOnly asOf)
    {
        var days = DaysLate(due, graceDays, asOf);
        if (owed <= 0 || days == 0 || dailyRate <= 0)
            return 0m;
        return Math.Min(Money.Round(owed * dailyRate * days), Money.Round(owed * cap));
    }
}
