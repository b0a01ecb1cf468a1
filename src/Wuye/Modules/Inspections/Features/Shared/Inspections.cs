using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record FindingDto(Guid Id, string Type, string TypeName, decimal Points, string Description, bool Closed, Guid? NoticeId);

internal sealed record ResultDto(
    Guid Id,
    Guid CheckItemId,
    string CheckItemCode,
    string CheckItemDescription,
    int CheckItemRevision,
    Guid? PlanLineId,
    int SampleCount,
    string? SampleNote,
    string? Note,
    string[] PhotoUrls,
    bool Traceable,
    List<FindingDto> Findings
);

internal sealed record InspectionDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    Guid InspectorUserId,
    string InspectorName,
    string Place,
    DateTimeOffset CheckedAt,
    bool AdHoc,
    List<ResultDto> Results
);

/// <summary>One inspection with its results, findings and the notices they raised.</summary>
internal static class InspectionViews
{
    public static async Task<InspectionDto?> LoadAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var i = await db.Set<Inspection>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
            return null;
        var projectName = await db.ProjectRefs().Where(p => p.Id == i.ProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var results = await (
            from r in db.Set<InspectionResult>().AsNoTracking()
            join it in db.Set<CheckItem>() on r.CheckItemId equals it.Id
            where r.InspectionId == id
            orderby it.Code
            select new
            {
                r,
                it.Code,
                it.Description,
            }
        ).ToListAsync(ct);
        var findings = await (
            from f in db.Set<Finding>().AsNoTracking()
            where f.InspectionId == id
            select new
            {
                f,
                NoticeId = db.Set<ImprovementNotice>().Where(n => n.FindingId == f.Id).Select(n => (Guid?)n.Id).FirstOrDefault(),
            }
        ).ToListAsync(ct);
        return new InspectionDto(
            i.Id,
            i.ProjectId,
            projectName,
            i.InspectorUserId,
            i.InspectorName,
            i.Place,
            i.CheckedAt,
            i.AdHoc,
            [
                .. results.Select(x => new ResultDto(
                    x.r.Id,
                    x.r.CheckItemId,
                    x.Code,
                    x.Description,
                    x.r.CheckItemRevision,
                    x.r.PlanLineId,
                    x.r.SampleCount,
                    x.r.SampleNote,
                    x.r.Note,
                    [.. x.r.PhotoIds.Select(p => $"/api/v1/files/{p}")],
                    x.r.Traceable,
                    [
                        .. findings
                            .Where(f => f.f.ResultId == x.r.Id)
                            .OrderBy(f => f.f.CreatedAt)
                            .Select(f => new FindingDto(
                                f.f.Id,
                                Qpi.Code(Qpi.FindingTypes, f.f.Type),
                                Qpi.Name(Qpi.FindingTypes, f.f.Type),
                                f.f.Points,
                                f.f.Description,
                                f.f.ClosedAt != null,
                                f.NoticeId
                            )),
                    ]
                )),
            ]
        );
    }
}
