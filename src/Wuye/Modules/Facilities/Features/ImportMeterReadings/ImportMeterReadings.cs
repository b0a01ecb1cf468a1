using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.MeterReadings;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ImportMeterReadings;

internal sealed record ImportError(string Field, string Message);

internal sealed record ImportLine(
    int Row,
    string? MeterCode,
    Guid? MeterId,
    string? MeterName,
    DateOnly? ReadOn,
    decimal? Value,
    decimal? Consumption,
    List<string> Anomalies,
    List<string> AnomalyTexts,
    List<ImportError> Errors
);

internal sealed record ImportReport(bool DryRun, bool Saved, int Rows, int Good, int WithErrors, int Flagged, List<ImportLine> Lines);

/// <summary>
/// 抄表导入: every row of an uploaded sheet checked (meter known to the caller and live, a reading that is a number, a date that is one
/// and not in the future, no second reading of the meter in the period, in the file or already recorded, none older than the meter's
/// last reading), then each good row put through the hand entry's rules in date order (consumption, anomaly flags, shared-meter loss),
/// all in one transaction. A dry run rolls it back and answers what would be; a commit keeps it only when no row has an error (all
/// or none), and the abnormal readings become tasks as by hand.
/// </summary>
internal sealed class ImportMeterReadingsHandler(WuyeDb db, TimeProvider clock, RecordMeterReadingHandler record)
{
    private sealed class Line(SheetRow row)
    {
        public SheetRow Row { get; } = row;
        public string? Code { get; set; }
        public Meter? Meter { get; set; }
        public decimal? Value { get; set; }
        public DateOnly? ReadOn { get; set; }
        public MeterReading? Reading { get; set; }
        public List<ImportError> Errors { get; } = [];

        public void Error(string field, string zh, string en) =>
            Errors.Add(new(field, Loc.T($"第 {Row.Row} 行：{zh}", $"Row {Row.Row}: {en}")));
    }

    public async Task<ImportReport> ImportAsync(List<SheetRow> rows, Guid? projectId, bool dryRun, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var lines = rows.Select(r => new Line(r)).ToList();
        foreach (var l in lines)
            Parse(l, today);
        var codes = lines.Where(l => l.Code is not null).Select(l => l.Code!).Distinct().ToList();
        var meters = (
            await db.Set<Meter>().Where(m => codes.Contains(m.Code) && (projectId == null || m.ProjectId == projectId)).ToListAsync(ct)
        ).ToLookup(m => m.Code);
        foreach (var l in lines.Where(l => l.Code is not null))
        {
            var found = meters[l.Code!].ToList();
            if (found.Count == 0)
                l.Error("meterCode", $"表号“{l.Code}”不存在", $"Meter \"{l.Code}\" not found");
            else if (found.Count > 1)
                l.Error(
                    "meterCode",
                    $"表号“{l.Code}”在多个项目中都有，请先选择项目",
                    $"Meter \"{l.Code}\" exists in several projects; choose one"
                );
            else if (found[0].ArchivedAt is not null)
                l.Error("meterCode", $"表号“{l.Code}”已停用", $"Meter \"{l.Code}\" is archived");
            // Seen through another role's grant (a desk clerk's project, say): the caller does not record there.
            else if (!db.Scope.CanWrite(found[0].CompanyId, found[0].ProjectId, null, null))
                l.Error("meterCode", $"无权录入表号“{l.Code}”的读数", $"You may not record readings of meter \"{l.Code}\"");
            else
                l.Meter = found[0];
        }
        var ready = lines.Where(l => l.Meter is not null && l.Errors.Count == 0 && l.Value is not null && l.ReadOn is not null).ToList();
        var past = await PastAsync(ready, ct);
        foreach (var g in ready.GroupBy(l => (l.Meter!.Id, MeterRules.Period(l.ReadOn!.Value))))
        foreach (var l in g.Skip(1))
            l.Error("readOn", "同一块表同一月份在文件中出现了多次", "The file has this meter more than once in the same month");
        foreach (var l in ready.Where(l => l.Errors.Count == 0))
        {
            var mine = past[l.Meter!.Id];
            if (mine.Any(p => p.Period == MeterRules.Period(l.ReadOn!.Value)))
                l.Error("readOn", "该表本月已有读数", "The meter already has a reading for this month");
            else if (mine.Where(p => p.ReadOn > l.ReadOn).Max(p => (DateOnly?)p.ReadOn) is { } later)
                l.Error(
                    "readOn",
                    $"早于该表最近一次读数（{later:yyyy-MM-dd}），只能补录之后的读数",
                    $"Before the meter's last reading ({later:yyyy-MM-dd}); only later readings can be imported"
                );
        }
        var good = ready.Where(l => l.Errors.Count == 0).OrderBy(l => l.ReadOn).ThenBy(l => l.Row.Row).ToList();
        var withErrors = lines.Count(l => l.Errors.Count > 0);
        if (!dryRun && withErrors > 0)
        {
            var v = new Validator();
            foreach (var e in lines.SelectMany(l => l.Errors.Select(e => (l.Row.Row, e))))
                v.Add($"rows[{e.Row}].{e.e.Field}", e.e.Message, e.e.Message);
            v.ThrowIfAny();
        }
        var saved = await WriteAsync(good, past, today, keep: !dryRun, ct);
        return new ImportReport(
            dryRun,
            saved,
            lines.Count,
            good.Count,
            withErrors,
            good.Count(l => l.Reading!.Flagged),
            [
                .. lines.Select(l => new ImportLine(
                    l.Row.Row,
                    l.Code,
                    l.Meter?.Id,
                    l.Meter?.Name,
                    l.ReadOn,
                    l.Value,
                    l.Reading?.Consumption,
                    [.. l.Reading?.Anomalies ?? []],
                    [
                        .. (l.Reading?.Anomalies ?? []).Select(a =>
                            Enum.TryParse<ReadingAnomaly>(a, out var x) ? Loc.T(MeterRules.Text(x).Zh, MeterRules.Text(x).En) : a
                        ),
                    ],
                    l.Errors
                )),
            ]
        );
    }

    private static void Parse(Line l, DateOnly today)
    {
        l.Code = ReadingSheet.Text(l.Row.Code);
        if (l.Code is null)
            l.Error("meterCode", "请填写表号", "Meter is required");
        else if (l.Code.Length > 50)
            l.Error("meterCode", "表号过长", "Meter code is too long");
        var valueText = ReadingSheet.Text(l.Row.Value);
        l.Value = ReadingSheet.Number(l.Row.Value);
        if (valueText is null)
            l.Error("value", "请填写读数", "Reading is required");
        else if (l.Value is null)
            l.Error("value", $"读数“{valueText}”不是数字", $"Reading \"{valueText}\" is not a number");
        else if (l.Value is < 0 or > 1_000_000_000_000m)
            l.Error("value", "读数应在 0 到 1,000,000,000,000 之间", "Reading must be between 0 and 1,000,000,000,000");
        var dateText = ReadingSheet.Text(l.Row.ReadOn);
        l.ReadOn = dateText is null ? today : ReadingSheet.Date(l.Row.ReadOn);
        if (l.ReadOn is null)
            l.Error(
                "readOn",
                $"抄表日期“{dateText}”无法识别（如 2026-11-25）",
                $"Read-on date \"{dateText}\" is not a date (e.g. 2026-11-25)"
            );
        else if (l.ReadOn > today)
            l.Error("readOn", $"抄表日期 {l.ReadOn:yyyy-MM-dd} 在未来", $"Read-on date {l.ReadOn:yyyy-MM-dd} is in the future");
        else if (l.ReadOn.Value.Year < 2000)
            l.Error("readOn", "抄表日期早于 2000 年", "Read-on date is before 2000");
    }

    /// <summary>The recorded readings each meter's new rows are checked against: from 12 periods before its earliest row on, and the
    /// last one before that (the previous reading of a meter not read for a year).</summary>
    private async Task<ILookup<Guid, PastReading>> PastAsync(List<Line> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
            return Array.Empty<(Guid, PastReading)>().ToLookup(x => x.Item1, x => x.Item2);
        var ids = lines.Select(l => l.Meter!.Id).Distinct().ToList();
        var floor = MeterRules.AddPeriods(lines.Min(l => MeterRules.Period(l.ReadOn!.Value)), -12);
        var readings = db.Set<MeterReading>().AsNoTracking().Where(r => ids.Contains(r.MeterId));
        var recent = await readings
            .Where(r => r.Period >= floor)
            .Select(r => new { r.MeterId, P = new PastReading(r.Period, r.ReadOn, r.Value, r.Consumption, r.CreatedAt) })
            .ToListAsync(ct);
        var older = await readings
            .Where(r =>
                r.Period < floor
                && !db.Set<MeterReading>()
                    .Any(o =>
                        o.MeterId == r.MeterId
                        && o.Period < floor
                        && (o.ReadOn > r.ReadOn || (o.ReadOn == r.ReadOn && o.CreatedAt > r.CreatedAt))
                    )
            )
            .Select(r => new { r.MeterId, P = new PastReading(r.Period, r.ReadOn, r.Value, r.Consumption, r.CreatedAt) })
            .ToListAsync(ct);
        return recent.Concat(older).ToLookup(x => x.MeterId, x => x.P);
    }

    /// <summary>Puts the good rows through the hand entry's rules in date order, in one transaction; kept only on a commit.</summary>
    private async Task<bool> WriteAsync(
        List<Line> good,
        ILookup<Guid, PastReading> recorded,
        DateOnly today,
        bool keep,
        CancellationToken ct
    )
    {
        if (good.Count == 0)
            return false;
        var thresholds = new Dictionary<Guid, MeterThresholds>();
        foreach (var project in good.Select(l => l.Meter!.ProjectId).Distinct())
            thresholds[project] = await record.ThresholdsAsync(project, ct);
        var past = recorded.ToDictionary(g => g.Key, g => g.ToList());
        var now = clock.GetUtcNow();
        foreach (var l in good)
        {
            var meter = l.Meter!;
            var history = past.TryGetValue(meter.Id, out var h) ? h : past[meter.Id] = [];
            var (reading, context) = RecordMeterReadingHandler.NewReading(meter, l.Value!.Value, l.ReadOn!.Value, today, history);
            reading.Anomalies = [.. MeterRules.Check(context, thresholds[meter.ProjectId]).Select(a => a.ToString())];
            reading.Source = ReadingSource.Import;
            reading.ReadByUserId = db.Scope.UserId;
            history.Add(new(reading.Period, reading.ReadOn, reading.Value, reading.Consumption, now.AddTicks(history.Count + 1)));
            l.Reading = reading;
            db.Add(reading);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var flagged = good.Where(l => l.Reading!.Flagged).Select(l => (l.Meter!, l.Reading!)).ToList();
        var groups = good.Select(l => (Master: l.Meter!.MasterMeterId ?? l.Meter!.Id, l.Reading!.Period, l.Meter!.ProjectId)).Distinct();
        foreach (var (master, period, project) in groups)
            if (await record.SharedLossAsync(master, period, thresholds[project], ct) is { } loss)
                flagged.Add(loss);
        if (!keep)
        {
            // The loss check marks the master's tracked reading; the dry run shows it, then forgets everything.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }
        foreach (var (m, r) in flagged.DistinctBy(f => f.Item2.Id))
            await record.TellAsync(m, r, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
