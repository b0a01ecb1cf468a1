using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.MeterReadings;

internal sealed record ReadingInput(Guid? MeterId, decimal? Value, DateOnly? ReadOn) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("meterId", MeterId, "计量表", "Meter")
            .Required("value", Value, "读数", "Reading")
            .Range("value", Value, 0m, 1_000_000_000_000m, "读数", "Reading");
}

/// <summary>A reading already recorded, as the rules of a new one read it.</summary>
internal sealed record PastReading(int Period, DateOnly ReadOn, decimal Value, decimal? Consumption, DateTimeOffset CreatedAt);

internal sealed record ReadingDto(
    Guid Id,
    Guid ProjectId,
    Guid MeterId,
    string MeterCode,
    string MeterName,
    MeterKind Kind,
    string Period,
    DateOnly ReadOn,
    decimal Value,
    decimal? Consumption,
    ReadingSource Source,
    List<string> Anomalies,
    List<string> AnomalyTexts,
    Guid? AssigneeUserId,
    DateTimeOffset? ResolvedAt,
    string? ResolvedNote
);

/// <summary>
/// 抄表: a reading by hand (a phone) or by import; its consumption since the previous reading; every anomaly rule checked with the
/// project's thresholds; the shared-meter loss of the master checked once all its sub-meters are read for the period. An abnormal
/// reading is a task of the meter's responsible person (the reader otherwise), who is told.
/// </summary>
internal sealed class RecordMeterReadingHandler(WuyeDb db, TimeProvider clock, Notifier notifier)
{
    public async Task<MeterReading> RecordAsync(ReadingInput input, ReadingSource source, CancellationToken ct)
    {
        var meter = await db.Set<Meter>().FirstOrDefaultAsync(m => m.Id == input.MeterId, ct)
            ?? throw ValidationException.For("meterId", "计量表不存在", "Meter not found");
        if (meter.ArchivedAt is not null)
            throw new RuleException("meter.archived", "该表已停用", "The meter is archived");
        var today = ChinaTime.Today(clock);
        var readOn = input.ReadOn ?? today;
        var period = MeterRules.Period(readOn);
        var thresholds = await ThresholdsAsync(meter.ProjectId, ct);
        var history = await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => r.MeterId == meter.Id && r.Period >= MeterRules.AddPeriods(period, -12) && r.Period <= period)
            .Select(r => new PastReading(r.Period, r.ReadOn, r.Value, r.Consumption, r.CreatedAt))
            .ToListAsync(ct);
        var previous = await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => r.MeterId == meter.Id && r.ReadOn <= readOn)
            .OrderByDescending(r => r.ReadOn)
            .ThenByDescending(r => r.CreatedAt)
            .Select(r => new PastReading(r.Period, r.ReadOn, r.Value, r.Consumption, r.CreatedAt))
            .FirstOrDefaultAsync(ct);
        var (reading, context) = NewReading(meter, input.Value!.Value, readOn, today, previous is null ? history : [.. history, previous]);
        reading.Anomalies = [.. MeterRules.Check(context, thresholds).Select(a => a.ToString())];
        reading.Source = source;
        reading.ReadByUserId = db.Scope.UserId;
        db.Add(reading);
        await db.SaveChangesAsync(ct);
        var flagged = new List<(Meter, MeterReading)>();
        if (reading.Flagged)
            flagged.Add((meter, reading));
        if (await SharedLossAsync(meter.MasterMeterId ?? meter.Id, period, thresholds, ct) is { } loss)
            flagged.Add(loss);
        foreach (var (m, r) in flagged)
            await TellAsync(m, r, ct);
        await db.SaveChangesAsync(ct);
        return reading;
    }

    /// <summary>A new reading of <paramref name="meter"/> checked against its past readings (any of them; those that matter are
    /// picked here): the previous one by date, the last 3 periods' and the same month last year's use. The hand entry and the import
    /// both read through here, so both follow the same rules.</summary>
    public static (MeterReading Reading, ReadingContext Context) NewReading(
        Meter meter,
        decimal value,
        DateOnly readOn,
        DateOnly today,
        IEnumerable<PastReading> past
    )
    {
        var period = MeterRules.Period(readOn);
        var all = past.Distinct().ToList();
        var previous = all.Where(r => r.ReadOn <= readOn)
            .OrderByDescending(r => r.ReadOn)
            .ThenByDescending(r => r.CreatedAt)
            .FirstOrDefault();
        var history = all.Where(h => h.Period >= MeterRules.AddPeriods(period, -12) && h.Period <= period).ToList();
        decimal Used(int p) => history.Where(h => h.Period == p && h.Consumption > 0).Sum(h => h.Consumption ?? 0);
        var last3 = Enumerable
            .Range(1, 3)
            .Select(i => MeterRules.AddPeriods(period, -4 + i))
            .Where(p => history.Any(h => h.Period == p && h.Consumption is not null))
            .Select(Used)
            .ToList();
        var lastYear = MeterRules.AddPeriods(period, -12);
        var context = new ReadingContext(
            value,
            readOn,
            today,
            meter.Multiplier,
            meter.RolloverAt,
            previous?.Value,
            previous?.Period,
            history.Any(h => h.Period == period),
            last3,
            history.Any(h => h.Period == lastYear && h.Consumption is not null) ? Used(lastYear) : null
        );
        var reading = new MeterReading
        {
            CompanyId = meter.CompanyId,
            ProjectId = meter.ProjectId,
            MeterId = meter.Id,
            Period = period,
            ReadOn = readOn,
            Value = value,
            Consumption = MeterRules.Consumption(previous?.Value, value, meter.Multiplier, meter.RolloverAt),
        };
        return (reading, context);
    }

    /// <summary>An abnormal reading becomes a task of the meter's responsible person (the reader otherwise), who is told.</summary>
    public async Task TellAsync(Meter m, MeterReading r, CancellationToken ct)
    {
        r.AssigneeUserId ??= m.ResponsibleUserId ?? db.Scope.UserId;
        if (r.AssigneeUserId is { } who)
            await notifier.NotifyAsync(
                [who],
                m.CompanyId,
                $"抄表异常：{m.Code} {m.Name}",
                $"{r.Period / 100}年{r.Period % 100}月读数 {r.Value:0.###}：{string.Join("；", r.Anomalies.Select(Describe))}。请核实后处理。",
                $"/facilities/meters?reading={r.Id}",
                $"meter-reading:{r.Id:N}:{r.Anomalies.Length}",
                ct
            );
    }

    public static string Describe(string anomaly) => Enum.TryParse<ReadingAnomaly>(anomaly, out var a) ? MeterRules.Text(a).Zh : anomaly;

    public async Task<MeterThresholds> ThresholdsAsync(Guid projectId, CancellationToken ct) =>
        (await db.Set<EnergySettings>().AsNoTracking().FirstOrDefaultAsync(s => s.ProjectId == projectId, ct))?.Thresholds
        ?? MeterThresholds.Default;

    /// <summary>Once a master and every live sub-meter have a reading for the period: flags the master's reading if the loss is above
    /// the threshold (once).</summary>
    public async Task<(Meter, MeterReading)?> SharedLossAsync(Guid masterId, int period, MeterThresholds t, CancellationToken ct)
    {
        var subs = await db.Set<Meter>().Where(m => m.MasterMeterId == masterId && m.ArchivedAt == null).Select(m => m.Id).ToListAsync(ct);
        if (subs.Count == 0)
            return null;
        var master = await db.Set<Meter>().FirstAsync(m => m.Id == masterId, ct);
        var readings = await db.Set<MeterReading>()
            .Where(r => r.Period == period && (r.MeterId == masterId || subs.Contains(r.MeterId)))
            .ToListAsync(ct);
        var masterReading = readings.Where(r => r.MeterId == masterId).OrderByDescending(r => r.CreatedAt).FirstOrDefault();
        if (masterReading?.Consumption is not { } used || subs.Any(s => readings.All(r => r.MeterId != s)))
            return null;
        var subUse = readings.Where(r => r.MeterId != masterId).Select(r => r.Consumption ?? 0);
        var shared = nameof(ReadingAnomaly.SharedLoss);
        if (!MeterRules.IsSharedLoss(used, subUse, t) || masterReading.Anomalies.Contains(shared))
            return null;
        masterReading.Anomalies = [.. masterReading.Anomalies, shared];
        masterReading.ResolvedAt = null;
        return (master, masterReading);
    }
}
