using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.Meters;

internal sealed record MeterInput(
    Guid? ProjectId,
    string? Code,
    string? Name,
    MeterKind? Kind,
    Guid? BuildingId,
    Guid? MasterMeterId,
    decimal? Multiplier,
    decimal? RolloverAt,
    DateOnly? VerifiedOn,
    DateOnly? VerificationDueOn,
    Guid? ResponsibleUserId
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("code", Code, "表号", "Meter number")
            .MaxLength("code", Code, 40, "表号", "Meter number")
            .Required("name", Name, "名称", "Name")
            .MaxLength("name", Name, 100, "名称", "Name")
            .Required("kind", Kind, "类型", "Kind")
            .Range("multiplier", Multiplier, 0.001m, 100_000m, "倍率", "Multiplier")
            .Range("rolloverAt", RolloverAt, 1m, 1_000_000_000_000m, "满量程", "Roll-over capacity");
}

internal sealed record MeterDto(
    Guid Id,
    Guid ProjectId,
    Guid? BuildingId,
    string Code,
    string Name,
    MeterKind Kind,
    string Unit,
    Guid? MasterMeterId,
    decimal Multiplier,
    decimal? RolloverAt,
    DateOnly? VerifiedOn,
    DateOnly? VerificationDueOn,
    bool VerificationOverdue,
    Guid? ResponsibleUserId,
    decimal? LastValue,
    DateOnly? LastReadOn
);

/// <summary>计量表: project and company managers register meters (master and sub-meters); the readers list them.</summary>
internal static class MeterEndpoints
{
    public static async Task<List<MeterDto>> ListAsync(WuyeDb db, TimeProvider clock, Guid? projectId, Guid? id, CancellationToken ct)
    {
        var meters = await db.Set<Meter>()
            .AsNoTracking()
            .Where(m => m.ArchivedAt == null && (projectId == null || m.ProjectId == projectId) && (id == null || m.Id == id))
            .OrderBy(m => m.ProjectId)
            .ThenBy(m => m.Code)
            .Take(500)
            .ToListAsync(ct);
        var ids = meters.Select(m => m.Id).ToList();
        var last = await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => ids.Contains(r.MeterId))
            .GroupBy(r => r.MeterId)
            .Select(g =>
                g.OrderByDescending(r => r.ReadOn)
                    .ThenByDescending(r => r.CreatedAt)
                    .Select(r => new
                    {
                        r.MeterId,
                        r.Value,
                        r.ReadOn,
                    })
                    .First()
            )
            .ToDictionaryAsync(x => x.MeterId, ct);
        var today = ChinaTime.Today(clock);
        return
        [
            .. meters.Select(m => new MeterDto(
                m.Id,
                m.ProjectId,
                m.BuildingId,
                m.Code,
                m.Name,
                m.Kind,
                m.Unit,
                m.MasterMeterId,
                m.Multiplier,
                m.RolloverAt,
                m.VerifiedOn,
                m.VerificationDueOn,
                m.VerificationDueOn is { } due && due < today,
                m.ResponsibleUserId,
                last.GetValueOrDefault(m.Id)?.Value,
                last.GetValueOrDefault(m.Id)?.ReadOn
            )),
        ];
    }

    public static async Task<MeterDto> CreateAsync(WuyeDb db, TimeProvider clock, MeterInput input, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == input.ProjectId, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        if (
            input.MasterMeterId is { } master
            && !await db.Set<Meter>().AnyAsync(m => m.Id == master && m.ProjectId == project.Id && m.Kind == input.Kind, ct)
        )
            throw ValidationException.For("masterMeterId", "总表不存在或类型不同", "The master meter was not found or is of another kind");
        var code = input.Code!.Trim();
        if (await db.Set<Meter>().AnyAsync(m => m.ProjectId == project.Id && m.Code == code, ct))
            throw new RuleException("meter.duplicate_code", "本项目已有该表号", "This project already has a meter with that number");
        var meter = new Meter
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            BuildingId = input.BuildingId,
            Code = code,
            Name = input.Name!.Trim(),
            Kind = input.Kind!.Value,
            MasterMeterId = input.MasterMeterId,
            Multiplier = input.Multiplier ?? 1m,
            RolloverAt = input.RolloverAt,
            VerifiedOn = input.VerifiedOn,
            VerificationDueOn = input.VerificationDueOn,
            ResponsibleUserId = input.ResponsibleUserId,
        };
        db.Add(meter);
        await db.SaveChangesAsync(ct);
        return (await ListAsync(db, clock, null, meter.Id, ct))[0];
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/meters").WithTags("Facilities");
        g.MapGet("/", async (WuyeDb db, TimeProvider clock, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(await ListAsync(db, clock, projectId, null, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Meters (electricity, water, gas) with their last reading and verification date");
        g.MapGet("/{id:guid}", async (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                TypedResults.Ok((await ListAsync(db, clock, null, id, ct)).FirstOrDefault() ?? throw new NotFoundException("meter"))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("One meter");
        g.MapPost("/", async Task<Created<MeterDto>> (WuyeDb db, TimeProvider clock, MeterInput body, CancellationToken ct) =>
            {
                var dto = await CreateAsync(db, clock, body, ct);
                return TypedResults.Created($"/api/v1/meters/{dto.Id}", dto);
            })
            .RequireRoles(FacilitiesRoles.Planners)
            .WithSummary("Register a meter: kind, master meter, multiplier, roll-over capacity, verification dates, responsible person");
    }
}
