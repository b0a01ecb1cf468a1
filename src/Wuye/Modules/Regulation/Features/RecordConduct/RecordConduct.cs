using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.RecordConduct;

internal sealed record RecordConductInput(
    Guid? CompanyId,
    Guid? ProjectId,
    string? ItemCode,
    decimal? Points,
    DateOnly? OccurredOn,
    string? Evidence,
    ConductSource? Source,
    Guid[]? FileIds = null
) : IValidatable
{
    public void Validate(Validator v)
    {
        if (FileIds is { Length: > 9 })
            v.Add("fileIds", "最多 9 张照片", "At most 9 photos");
        v.Required("companyId", CompanyId, "企业", "Company")
            .Required("itemCode", ItemCode, "评分项", "Scoring item")
            .Required("occurredOn", OccurredOn, "发生日期", "Date")
            .Required("evidence", Evidence, "依据或证据", "Evidence")
            .MaxLength("evidence", Evidence, 2000, "依据或证据", "Evidence")
            .Range("points", Points, 0, 1000, "得分", "Points");
    }
}

/// <summary>The regulator records a company's conduct under an item of its current table; the company may object within the
/// window.</summary>
internal sealed class RecordConductHandler(WuyeDb db, TimeProvider clock)
{
    public async Task<ConductRecord> RecordAsync(Guid regulatorId, RecordConductInput body, Guid? sourceId, CancellationToken ct)
    {
        var (record, place) = await PrepareAsync(regulatorId, body, sourceId, ct);
        // Photos the recording regulator's staff added themselves, for the company or the record's project.
        record.FileIds = await FileStore.RequireOwnAsync(db, body.FileIds, place, "fileIds", ct);
        db.Add(record);
        return record;
    }

    /// <summary>
    /// Every rule of the record but its photos, checked, and the record made (not added): a form that uploads photos with the
    /// record calls this first, so a refused record never leaves photos behind (a regulator adds files and may delete none).
    /// </summary>
    public async Task<(ConductRecord Record, FilePlace Place)> PrepareAsync(
        Guid regulatorId,
        RecordConductInput body,
        Guid? sourceId,
        CancellationToken ct
    )
    {
        var table = await RegulatorTables.RequireCurrentAsync(db, regulatorId, ct);
        var company = await db.CompanyRefs()
            .AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == body.CompanyId && c.RegulatorId == regulatorId && c.ArchivedAt == null, ct)
            ?? throw ValidationException.For("companyId", "该企业不在本部门监管范围内", "The company is not overseen by this regulator");
        if (
            body.ProjectId is { } pid
            && !await db.ProjectRefs().AnyAsync(p => p.Id == pid && p.CompanyId == company.Id && p.ArchivedAt == null, ct)
        )
            throw ValidationException.For("projectId", "项目不属于该企业", "The project is not the company's");
        var item = table.Rules().Item(body.ItemCode!.Trim())
            ?? throw ValidationException.For("itemCode", "评分标准中没有该评分项", "The table has no such item");
        if (item.Figure is not null)
            throw ValidationException.For(
                "itemCode",
                "该评分项按企业数据由系统计算，不能手工记录",
                "This item is scored by the app from the company's figures, never typed in"
            );
        var record = ConductRecord.Create(
            regulatorId,
            table.Id,
            table.AppealDays,
            item,
            company.Id,
            body.ProjectId,
            body.Points,
            body.OccurredOn!.Value,
            ChinaTime.Today(clock),
            body.Evidence!,
            body.Source ?? ConductSource.Inspection,
            sourceId,
            db.Scope.UserName ?? ""
        );
        return (record, body.ProjectId is { } place ? FilePlace.Project(company.Id, place) : FilePlace.Company(company.Id));
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/conduct-records",
                async Task<Created<ConductRecordDto>> (
                    WuyeDb db,
                    RecordConductHandler handler,
                    ConductReads reads,
                    RecordConductInput body,
                    Guid? regulatorId,
                    CancellationToken ct
                ) =>
                {
                    var record = await handler.RecordAsync(RegulatorTables.RegulatorOf(db, regulatorId), body, null, ct);
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Created($"/api/v1/conduct-records/{record.Id}", await reads.OneAsync(record.Id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(RegulationRoles.Regulators)
            .WithSummary(
                "Record a company's good or bad conduct (or an assessed base score) with its evidence and photos (fileIds: files the "
                    + "regulator added for the company or the project through POST /api/v1/files)"
            );
    }
}
