using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.MeterReadings;

internal sealed record ResolveInput(string? Note) : IValidatable
{
    public void Validate(Validator v) => v.Required("note", Note, "处理说明", "Note").MaxLength("note", Note, 500, "处理说明", "Note");
}

internal sealed record SettingsInput(Guid? ProjectId, decimal? MedianFactor, decimal? YearOnYearPercent, decimal? SharedLossPercent)
    : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Range("medianFactor", MedianFactor, 1.1m, 100m, "中位数倍数", "Median factor")
            .Range("yearOnYearPercent", YearOnYearPercent, 1m, 1000m, "同比幅度", "Year-on-year percent")
            .Range("sharedLossPercent", SharedLossPercent, 0.1m, 100m, "公摊损耗", "Shared loss percent");
}

internal sealed record SettingsDto(Guid ProjectId, decimal MedianFactor, decimal YearOnYearPercent, decimal SharedLossPercent);

/// <summary>Readings: list (abnormal ones open first), record one, resolve an anomaly task; the project's thresholds.</summary>
internal static class MeterReadingEndpoints
{
    public static async Task<List<ReadingDto>> ListAsync(
        WuyeDb db,
        Guid? projectId,
        Guid? meterId,
        bool? flagged,
        bool? open,
        Guid? id,
        CancellationToken ct
    )
    {
        var q =
            from r in db.Set<MeterReading>().AsNoTracking()
            join m in db.Set<Meter>().AsNoTracking() on r.MeterId equals m.Id
            where
                (projectId == null || r.ProjectId == projectId)
                && (meterId == null || r.MeterId == meterId)
                && (id == null || r.Id == id)
                && (flagged != true || r.Anomalies.Length > 0)
                && (open != true || (r.Anomalies.Length > 0 && r.ResolvedAt == null))
            orderby r.ReadOn descending, r.CreatedAt descending
            select new
            {
                r,
                m.Code,
                m.Name,
                m.Kind,
            };
        var rows = await q.Take(500).ToListAsync(ct);
        return [.. rows.Select(x => ToDto(x.r, x.Code, x.Name, x.Kind))];
    }

    public static ReadingDto ToDto(MeterReading r, string code, string name, MeterKind kind) =>
        new(
            r.Id,
            r.ProjectId,
            r.MeterId,
            code,
            name,
            kind,
            $"{r.Period / 100:D4}-{r.Period % 100:D2}",
            r.ReadOn,
            r.Value,
            r.Consumption,
            r.Source,
            [.. r.Anomalies],
            [.. r.Anomalies.Select(RecordMeterReadingHandler.Describe)],
            r.AssigneeUserId,
            r.ResolvedAt,
            r.ResolvedNote
        );

    private static async Task<ReadingDto> OneAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        (await ListAsync(db, null, null, null, null, id, ct)).FirstOrDefault() ?? throw new NotFoundException("meter reading");

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/meter-readings").WithTags("Facilities");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, Guid? meterId, bool? flagged, bool? open, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, projectId, meterId, flagged, open, null, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Meter readings, latest first (flagged=true: abnormal ones; open=true: abnormal and not resolved)");
        g.MapGet("/{id:guid}", async (WuyeDb db, Guid id, CancellationToken ct) => TypedResults.Ok(await OneAsync(db, id, ct)))
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("One meter reading with its anomalies");
        g.MapPost(
                "/",
                async Task<Created<ReadingDto>> (WuyeDb db, RecordMeterReadingHandler handler, ReadingInput body, CancellationToken ct) =>
                {
                    var r = await handler.RecordAsync(body, ReadingSource.Hand, ct);
                    return TypedResults.Created($"/api/v1/meter-readings/{r.Id}", await OneAsync(db, r.Id, ct));
                }
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Record a reading by hand: consumption computed, anomalies flagged and given to the meter's responsible person");
        g.MapPost("/{id:guid}/resolution", async (WuyeDb db, TimeProvider clock, Guid id, ResolveInput body, CancellationToken ct) =>
            {
                var r = await db.Set<MeterReading>().FirstOrDefaultAsync(x => x.Id == id, ct)
                    ?? throw new NotFoundException("meter reading");
                r.Resolve(body.Note!.Trim(), clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(await OneAsync(db, id, ct));
            })
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Resolve an abnormal reading's task with a note (checked, meter replaced, leak fixed …)");
        g.MapGet("/settings", async (WuyeDb db, RecordMeterReadingHandler handler, Guid? projectId, CancellationToken ct) =>
            {
                new Validator().Required("projectId", projectId, "项目", "Project").ThrowIfAny();
                if (!await db.ProjectRefs().AnyAsync(p => p.Id == projectId, ct))
                    throw new NotFoundException("project");
                var t = await handler.ThresholdsAsync(projectId!.Value, ct);
                return TypedResults.Ok(new SettingsDto(projectId.Value, t.MedianFactor, t.YearOnYearPercent, t.SharedLossPercent));
            })
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("A project's thresholds for abnormal readings (k × median, ±% year on year, shared-meter loss %)");
        g.MapPut("/settings", async (WuyeDb db, SettingsInput body, CancellationToken ct) =>
            {
                var project = await db.ProjectRefs().FirstOrDefaultAsync(p => p.Id == body.ProjectId, ct)
                    ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
                var s = await db.Set<EnergySettings>().FirstOrDefaultAsync(x => x.ProjectId == project.Id, ct);
                if (s is null)
                {
                    s = new EnergySettings { CompanyId = project.CompanyId, ProjectId = project.Id };
                    db.Add(s);
                }
                s.MedianFactor = body.MedianFactor ?? s.MedianFactor;
                s.YearOnYearPercent = body.YearOnYearPercent ?? s.YearOnYearPercent;
                s.SharedLossPercent = body.SharedLossPercent ?? s.SharedLossPercent;
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(new SettingsDto(project.Id, s.MedianFactor, s.YearOnYearPercent, s.SharedLossPercent));
            })
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Set a project's thresholds for abnormal readings");
    }
}
