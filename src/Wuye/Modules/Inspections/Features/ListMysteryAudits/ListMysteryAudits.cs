using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.ListMysteryAudits;

/// <summary>Mystery audits (暗访), confidential to the quality department and management.</summary>
internal static class ListMysteryAuditsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mystery-audits").WithTags("Inspections").RequireRoles(MysteryAuditViews.Readers);

        g.MapGet("/", async (WuyeDb db, string? month, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<MysteryAudit>().AsNoTracking();
                if (month is not null)
                {
                    if (!Qpi.TryMonth(month, out var m))
                        throw ValidationException.For("month", "月份格式应为 2026-11", "Month must look like 2026-11");
                    q = q.Where(a => a.Month == m);
                }
                var paged = await q.OrderByDescending(a => a.Month).ThenBy(a => a.Title).ThenBy(a => a.Id).ToPagedAsync(page, pageSize, ct);
                var list = new List<MysteryAuditDto>();
                foreach (var a in paged.Items)
                    list.Add((await MysteryAuditViews.LoadAsync(db, a.Id, ct))!);
                return TypedResults.Ok(new Paged<MysteryAuditDto>(list, paged.Page, paged.PageSize, paged.Total));
            })
            .WithSummary("Mystery audits (暗访), confidential to the quality department and management");

        g.MapGet("/{id:guid}", async Task<Results<Ok<MysteryAuditDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await MysteryAuditViews.LoadAsync(db, id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound()
            )
            .WithSummary("One mystery audit");
    }
}
