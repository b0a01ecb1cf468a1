using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Domain;

/// <summary>
/// 抄表读数: a household meter's reading for a metered fee item (水费, 电费…) and period, one per unit, item and period. The
/// usage is this reading less the previous one (the unit's latest earlier reading of the item, or the starting reading given
/// at the first); a usage above zero raises the unit's metered bill at once (<see cref="BillId"/>).
/// </summary>
internal sealed class UtilityReading : Entity, IScoped
{
    public const decimal MaxReading = 9_999_999_999m;

    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? ZoneId { get; set; }
    public Guid UnitId { get; set; }
    public Guid FeeItemId { get; set; }

    /// <summary>yyyyMM: the month the usage is billed in.</summary>
    public int Period { get; set; }
    public decimal Previous { get; set; }
    public decimal Current { get; set; }
    public decimal Usage { get; set; }
    public DateOnly ReadOn { get; set; }
    public Guid? ReadByUserId { get; set; }
    public required string ReadByName { get; set; }

    /// <summary>The metered bill the usage raised (none when nothing was used).</summary>
    public Guid? BillId { get; set; }

    /// <summary>
    /// A reading after <paramref name="last"/> (the unit's latest earlier one of the item, if any). Without one the starting
    /// reading <paramref name="start"/> is needed; with one, a given start must equal it (a replaced meter is not handled here).
    /// </summary>
    public static UtilityReading Take(
        BillTarget unit,
        Guid feeItemId,
        int period,
        (int Period, decimal Current)? last,
        decimal? start,
        decimal current,
        DateOnly readOn,
        Guid? by,
        string byName,
        string field
    )
    {
        if (current < 0 || current > MaxReading || current != Math.Round(current, 2))
            throw ValidationException.For(
                $"{field}.reading",
                "读数应为 0 或正数，最多 2 位小数",
                "The reading is zero or more, to 2 decimals"
            );
        decimal previous;
        if (last is { } l)
        {
            if (l.Period >= period)
                throw ValidationException.For(
                    $"{field}.reading",
                    $"该户已有 {Periods.Text(l.Period)} 的读数，不能再录 {Periods.Text(period)} 或更早账期",
                    $"This home already has a reading for {Periods.Text(l.Period)}; {Periods.Text(period)} cannot follow it"
                );
            if (start is { } s && s != l.Current)
                throw ValidationException.For(
                    $"{field}.previous",
                    $"上次读数为 {l.Current:0.##}，与填写的起始读数不一致",
                    $"The last reading was {l.Current:0.##}, not the start given"
                );
            previous = l.Current;
        }
        else
            previous =
                start is { } s && s >= 0 && s <= MaxReading && s == Math.Round(s, 2)
                    ? s
                    : throw ValidationException.For(
                        $"{field}.previous",
                        "首次抄表请填写起始读数（0 或正数，最多 2 位小数）",
                        "The first reading needs the meter's starting reading (zero or more, to 2 decimals)"
                    );
        if (current < previous)
            throw ValidationException.For(
                $"{field}.reading",
                $"本次读数小于上次读数 {previous:0.##}，请核对（换表请先联系管理员）",
                $"The reading is below the last one ({previous:0.##}); check it (a replaced meter needs an administrator)"
            );
        return new UtilityReading
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.UnitId,
            FeeItemId = feeItemId,
            Period = period,
            Previous = previous,
            Current = current,
            Usage = current - previous,
            ReadOn = readOn,
            ReadByUserId = by,
            ReadByName = byName,
        };
    }
}
