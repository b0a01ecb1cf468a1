using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.Shared;

internal sealed record MysteryItemDto(
    Guid Id,
    int Position,
    Guid? CheckItemId,
    string? CheckItemCode,
    string Description,
    bool? Passed,
    string? Observation
);

internal sealed record MysteryAuditDto(
    Guid Id,
    Guid ProjectId,
    string ProjectName,
    string Month,
    string Title,
    string? Requirements,
    string? VisitorAlias,
    bool Reported,
    DateTimeOffset? VisitedAt,
    string? Report,
    List<MysteryItemDto> Items
);

internal static class MysteryAuditViews
{
    /// <summary>Confidential: neither project staff nor the audited project's people may read these.</summary>
    public static readonly string[] Readers = [Roles.QualityInspector, Roles.CompanyManager];

    public static async Task<MysteryAuditDto?> LoadAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var a = await db.Set<MysteryAudit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
            return null;
        var name = await db.ProjectRefs().Where(p => p.Id == a.TargetProjectId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var items = await (
            from i in db.Set<MysteryAuditItem>().AsNoTracking()
            where i.AuditId == id
            orderby i.Position
            select new { i, Code = db.Set<CheckItem>().Where(c => c.Id == i.CheckItemId).Select(c => c.Code).FirstOrDefault() }
        ).ToListAsync(ct);
        return new MysteryAuditDto(
            a.Id,
            a.TargetProjectId,
            name,
            a.Month.ToString("yyyy-MM"),
            a.Title,
            a.Requirements,
            a.VisitorAlias,
            a.VisitedAt != null,
            a.VisitedAt,
            a.Report,
            [
                .. items.Select(x => new MysteryItemDto(
                    x.i.Id,
                    x.i.Position,
                    x.i.CheckItemId,
                    x.Code,
                    x.i.Description,
                    x.i.Passed,
                    x.i.Observation
                )),
            ]
        );
    }
}
