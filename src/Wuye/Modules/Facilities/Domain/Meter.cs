using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Facilities.Domain;

internal enum MeterKind
{
    Electricity,
    Water,
    Gas,
}

internal enum ReadingSource
{
    Hand,
    Import,
}

/// <summary>
/// 计量表 (写字楼 energy): electricity, water or gas; a master meter or a sub-meter of one (shared-meter loss); a multiplier (CT
/// ratio); the capacity it rolls over at; its verification date; the person who handles its abnormal readings.
/// </summary>
internal sealed class Meter : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid? BuildingId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public MeterKind Kind { get; set; }
    public Guid? MasterMeterId { get; set; }
    public decimal Multiplier { get; set; } = 1m;
    public decimal? RolloverAt { get; set; }
    public DateOnly? VerifiedOn { get; set; }
    public DateOnly? VerificationDueOn { get; set; }
    public Guid? ResponsibleUserId { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public string Unit =>
        Kind switch
        {
            MeterKind.Electricity => "kWh",
            _ => "m³",
        };
}

/// <summary>
/// 抄表记录: a reading for a period (China month, yyyyMM), its consumption since the previous one, and the rules it broke. A reading
/// with anomalies is a task for the meter's responsible person until someone resolves it with a note.
/// </summary>
internal sealed class MeterReading : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid MeterId { get; set; }
    public int Period { get; set; }
    public DateOnly ReadOn { get; set; }
    public decimal Value { get; set; }
    public decimal? Consumption { get; set; }
    public ReadingSource Source { get; set; }
    public Guid? ReadByUserId { get; set; }
    public string[] Anomalies { get; set; } = [];
    public Guid? AssigneeUserId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedNote { get; set; }

    public bool Flagged => Anomalies.Length > 0;

    /// <summary>Closes the task of an abnormal reading.</summary>
    public void Resolve(string note, DateTimeOffset now)
    {
        if (!Flagged)
            throw new Wuye.Platform.Web.RuleException("meter_reading.not_flagged", "该读数没有异常", "The reading has no anomaly");
        if (ResolvedAt is not null)
            throw new Wuye.Platform.Web.RuleException("meter_reading.resolved", "该异常已处理", "The anomaly was already resolved");
        ResolvedAt = now;
        ResolvedNote = note;
    }
}

/// <summary>A project's thresholds for abnormal readings (抄表异常阈值).</summary>
internal sealed class EnergySettings : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public decimal MedianFactor { get; set; } = 3m;
    public decimal YearOnYearPercent { get; set; } = 30m;
    public decimal SharedLossPercent { get; set; } = 10m;

    public MeterThresholds Thresholds => new(MedianFactor, YearOnYearPercent, SharedLossPercent);
}
