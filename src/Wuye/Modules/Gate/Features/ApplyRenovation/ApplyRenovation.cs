using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.Gate.Features.ListRenovations;
using Wuye.Modules.Gate.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.ApplyRenovation;

internal sealed record ApplyInput(
    Guid? UnitId,
    string? Contractor,
    string? Scope,
    DateOnly? StartDate,
    DateOnly? EndDate,
    Guid[]? DrawingIds = null
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("unitId", UnitId, "房屋", "Home")
            .Required("contractor", Contractor, "装修公司", "Contractor")
            .MaxLength("contractor", Contractor, 100, "装修公司", "Contractor")
            .Required("scope", Scope, "装修内容", "Scope of work")
            .MaxLength("scope", Scope, 1000, "装修内容", "Scope of work")
            .Required("startDate", StartDate, "开工日期", "Start date")
            .Required("endDate", EndDate, "完工日期", "End date");
}

/// <summary>An owner applies to renovate one of their homes; the service center reviews the drawings next.</summary>
internal sealed class ApplyRenovationHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<RenovationDto> ApplyAsync(ApplyInput input, CancellationToken ct)
    {
        var own = db.Scope.Units;
        var unit = await db.UnitRefs().Where(u => u.Id == input.UnitId && own.Contains(u.Id)).FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For(
                "unitId",
                "这不是您的房屋，不能为它申请装修",
                "This is not your home: you cannot apply for it"
            );
        Renovation.CheckDates(input.StartDate!.Value, input.EndDate!.Value);
        if (input.StartDate.Value < ChinaTime.Today(clock))
            throw ValidationException.For("startDate", "开工日期不能早于今天", "The start cannot be in the past");
        var drawings = (input.DrawingIds ?? []).Distinct().ToArray();
        if (drawings.Length > RenovationFiles.MaxDrawings)
            throw ValidationException.For("drawingIds", "图纸最多 20 个文件", "At most 20 drawing files");
        await FileStore.RequireOwnAsync(db, drawings, FilePlace.Unit(unit.CompanyId, unit.ProjectId, unit.Id), "drawingIds", ct);
        var by = db.Scope.UserId ?? Guid.Empty;
        var r = new Renovation
        {
            CompanyId = unit.CompanyId,
            ProjectId = unit.ProjectId,
            ZoneId = unit.ZoneId,
            UnitId = unit.Id,
            Contractor = input.Contractor!.Trim(),
            Scope = input.Scope!.Trim(),
            StartDate = input.StartDate.Value,
            EndDate = input.EndDate.Value,
            AppliedBy = by,
            DrawingIds = drawings,
        };
        db.Add(r);
        db.Add(r.Applied(by, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await RenovationReads.OneAsync(db, r.Id, ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/renovations", async Task<Created<RenovationDto>> (ApplyRenovationHandler h, ApplyInput body, CancellationToken ct) =>
            {
                var r = await h.ApplyAsync(body, ct);
                return TypedResults.Created($"/api/v1/renovations/{r.Id}", r);
            })
            .WithTags("Gate")
            .RequireRoles(GateRoles.Owners)
            .WithSummary("An owner applies to renovate their home (contractor, scope, dates, drawingIds from POST /renovations/drawings)");
        api.MapPost(
                "/renovations/drawings",
                async Task<Created<StoredFileDto>> (
                    IFormFile? file,
                    Guid? unitId,
                    WuyeDb db,
                    FileStore files,
                    IOptions<GateOptions> options,
                    CancellationToken ct
                ) =>
                {
                    // An owner uploads for their own home; the desk for any home of its projects.
                    if (!GateRoles.MayManage(db.Scope) && (unitId is not { } u || !db.Scope.Units.Contains(u)))
                        throw ValidationException.For("unitId", "这不是您的房屋", "This is not your home");
                    if (file is null || file.Length == 0)
                        throw ValidationException.For("file", "请选择图纸文件", "Choose a drawing file");
                    var ids = await RenovationFiles.SaveDrawingsAsync(files, [file], unitId, options.Value.DrawingMaxBytes, "file", ct);
                    var stored = await files.OpenAsync(ids[0], ct) ?? throw new NotFoundException("file");
                    await stored.Content.DisposeAsync();
                    return TypedResults.Created($"/api/v1/files/{ids[0]}", FileEndpoints.ToDto(stored.File));
                }
            )
            .DisableAntiforgery()
            .WithTags("Gate")
            .RequireRoles([.. GateRoles.Owners, .. GateRoles.Desk])
            .WithSummary("Upload a drawing for a home's renovation (multipart: file, unitId): PDF, JPG/PNG/GIF/WebP, DWG or DXF");
    }
}
