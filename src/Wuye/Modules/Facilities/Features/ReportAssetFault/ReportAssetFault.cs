using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.Facilities.Features.CompleteMaintenanceTask;
using Wuye.Modules.Facilities.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.ReportAssetFault;

internal sealed record AssetFaultInput(Guid? AssetId, string? Description, bool? Urgent) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("assetId", AssetId, "设备", "Asset")
            .Required("description", Description, "故障描述", "Fault description")
            .MaxLength("description", Description, 500, "故障描述", "Fault description");
}

internal sealed record AssetFaultDto(
    Guid Id,
    Guid ProjectId,
    Guid AssetId,
    string AssetName,
    string Description,
    DateTimeOffset ReportedAt,
    Guid ServiceRequestId,
    string? RequestNumber,
    RequestStatus? RequestStatus,
    DateTimeOffset? FixedAt,
    bool Fixed
);

/// <summary>
/// A fault reported on an asset (报修到设备) by anyone who reads the facilities pages: opens a public-area request in the work-order loop
/// (the asset's location and class, urgent limits if urgent) and records the fault, in one transaction; the asset counts as out of
/// order from now until that request's work is completed.
/// </summary>
internal sealed class ReportAssetFaultHandler(WuyeDb db, TimeProvider clock, IServiceRequests requests)
{
    public async Task<AssetFaultDto> ReportAsync(AssetFaultInput input, CancellationToken ct)
    {
        var asset = await db.AssetRefs().AsNoTracking().FirstOrDefaultAsync(a => a.Id == input.AssetId, ct)
            ?? throw ValidationException.For("assetId", "设备不存在", "Asset not found");
        if (asset.ArchivedAt is not null)
            throw new RuleException("asset.archived", "设备已停用，不能报修", "The asset is archived");
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        var now = clock.GetUtcNow();
        var description = input.Description!.Trim();
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var created = await requests.CreateForPublicAreaAsync(
            new CreatePublicAreaRequest(
                asset.ProjectId,
                Trim($"{asset.Name} {asset.Location}".Trim(), 200),
                CompleteMaintenanceTaskHandler.Category(asset.Category),
                input.Urgent == true,
                Trim($"设备“{asset.Name}”（{asset.Code}）故障：{description}", 1000),
                name
            ),
            ct
        );
        var fault = new AssetFault
        {
            CompanyId = asset.CompanyId,
            ProjectId = asset.ProjectId,
            AssetId = asset.Id,
            ServiceRequestId = created.Id,
            ReportedAt = now,
            ReportedByUserId = user,
            Description = description,
        };
        db.Add(fault);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ListAsync(asset.ProjectId, null, fault.Id, ct))[0];
    }

    public async Task<List<AssetFaultDto>> ListAsync(Guid? projectId, Guid? assetId, Guid? id, CancellationToken ct)
    {
        var faults = await db.Set<AssetFault>()
            .AsNoTracking()
            .Where(f => (projectId == null || f.ProjectId == projectId) && (assetId == null || f.AssetId == assetId))
            .Where(f => id == null || f.Id == id)
            .OrderByDescending(f => f.ReportedAt)
            .Take(200)
            .ToListAsync(ct);
        var assetIds = faults.Select(f => f.AssetId).Distinct().ToList();
        var names = await db.AssetRefs().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var described = (await requests.DescribeAsync([.. faults.Select(f => f.ServiceRequestId).Distinct()], ct)).ToDictionary(r => r.Id);
        return
        [
            .. faults.Select(f =>
            {
                var r = described.GetValueOrDefault(f.ServiceRequestId);
                var isFixed = r is not null && FacilitiesViews.IsFixed(r);
                return new AssetFaultDto(
                    f.Id,
                    f.ProjectId,
                    f.AssetId,
                    names.GetValueOrDefault(f.AssetId, ""),
                    f.Description,
                    f.ReportedAt,
                    f.ServiceRequestId,
                    r?.Number,
                    r?.Status,
                    isFixed ? r!.CompletedAt ?? r.OpenedAt : null,
                    isFixed
                );
            }),
        ];
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/asset-faults").WithTags("Facilities");
        g.MapPost("/", async Task<Created<AssetFaultDto>> (ReportAssetFaultHandler handler, AssetFaultInput body, CancellationToken ct) =>
            {
                var dto = await handler.ReportAsync(body, ct);
                return TypedResults.Created($"/api/v1/asset-faults/{dto.Id}", dto);
            })
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Report a fault on an asset: opens a public-area work order; the asset is out of order until it is fixed");
        g.MapGet("/", async (ReportAssetFaultHandler handler, Guid? projectId, Guid? assetId, CancellationToken ct) =>
                TypedResults.Ok(await handler.ListAsync(projectId, assetId, null, ct))
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("Faults reported on assets (latest 200), with their work order and whether it is fixed");
        g.MapGet("/{id:guid}", async (ReportAssetFaultHandler handler, Guid id, CancellationToken ct) =>
                TypedResults.Ok(
                    (await handler.ListAsync(null, null, id, ct)).FirstOrDefault() ?? throw new NotFoundException("asset fault")
                )
            )
            .RequireRoles(FacilitiesRoles.Readers)
            .WithSummary("One fault reported on an asset");
    }
}
