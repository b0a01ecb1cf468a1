using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Assets;

internal sealed record AssetDto(
    Guid Id,
    Guid ProjectId,
    string Code,
    string Name,
    AssetCategory Category,
    Guid? BuildingId,
    string? Location,
    Guid? VendorId,
    string? VendorName,
    DateOnly? InstallDate,
    DateOnly? NextInspection,
    bool Archived,
    uint Version
);

internal sealed record AssetInput(
    Guid? ProjectId,
    string? Code,
    string? Name,
    AssetCategory? Category,
    Guid? BuildingId,
    string? Location,
    Guid? VendorId,
    DateOnly? InstallDate,
    DateOnly? NextInspection,
    uint? Version
) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("code", Code, "设备编号", "Asset code")
            .MaxLength("code", Code, 40, "设备编号", "Asset code")
            .Required("name", Name, "名称", "Name")
            .MaxLength("name", Name, 100, "名称", "Name")
            .Required("category", Category, "类别", "Category")
            .MaxLength("location", Location, 100, "位置", "Location");
}

/// <summary>/api/v1/assets: the equipment register, with the vendor that maintains each and when it is next inspected.</summary>
internal static class Assets
{
    internal static IQueryable<AssetDto> List(
        WuyeDb db,
        Guid? projectId,
        AssetCategory? category,
        DateOnly? inspectionBefore,
        string? q,
        bool? archived
    )
    {
        var query = db.Set<Asset>().AsNoTracking().Where(a => (a.ArchivedAt != null) == (archived ?? false));
        if (projectId is { } p)
            query = query.Where(a => a.ProjectId == p);
        if (category is { } c)
            query = query.Where(a => a.Category == c);
        if (inspectionBefore is { } d)
            query = query.Where(a => a.NextInspection != null && a.NextInspection <= d);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(a => a.Code.Contains(q.Trim()) || a.Name.Contains(q.Trim()));
        return Dto(db, query.OrderBy(a => a.Code).ThenBy(a => a.Id));
    }

    internal static IQueryable<AssetDto> Dto(WuyeDb db, IQueryable<Asset> q) =>
        q.Select(a => new AssetDto(
            a.Id,
            a.ProjectId,
            a.Code,
            a.Name,
            a.Category,
            a.BuildingId,
            a.Location,
            a.VendorId,
            db.Set<Vendor>().Where(v => v.Id == a.VendorId).Select(v => v.Name).FirstOrDefault(),
            a.InstallDate,
            a.NextInspection,
            a.ArchivedAt != null,
            a.Version
        ));

    private static Task<AssetDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<Asset>().AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assets").WithTags("Assets");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? projectId,
                    AssetCategory? category,
                    DateOnly? inspectionBefore,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await List(db, projectId, category, inspectionBefore, q, archived).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("The equipment register; inspectionBefore lists what is due");
        g.MapGet(
                "/export",
                (
                    WuyeDb db,
                    Guid? projectId,
                    AssetCategory? category,
                    DateOnly? inspectionBefore,
                    string? q,
                    bool? archived,
                    string? format,
                    CancellationToken ct
                ) =>
                    Registers.ExportAsync(
                        List(db, projectId, category, inspectionBefore, q, archived),
                        format,
                        "设施设备",
                        "assets",
                        [
                            new("设备编号", "Asset code", a => a.Code),
                            new("名称", "Name", a => a.Name),
                            new("类别", "Category", a => Names.Category(a.Category)),
                            new("位置", "Location", a => a.Location),
                            new("外包单位", "Vendor", a => a.VendorName),
                            new("安装日期", "Install date", a => TableFile.Date(a.InstallDate)),
                            new("下次检验", "Next inspection", a => TableFile.Date(a.NextInspection)),
                        ],
                        ct
                    )
            )
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapOne(FindAsync, "One asset");
        g.MapCreate(
            "assets",
            async (WuyeDb db, AssetInput body, CancellationToken ct) =>
            {
                var project = await Registers.ParentAsync(db.Projects(), body.ProjectId, "projectId", "项目", "Project", ct);
                var asset = new Asset
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    Code = body.Code!.Trim(),
                    Name = body.Name!.Trim(),
                };
                await ApplyAsync(db, asset, body, ct);
                return asset;
            },
            FindAsync,
            "Register equipment",
            Registers.Managers
        );
        g.MapEdit(
            async (WuyeDb db, Asset asset, AssetInput body, CancellationToken ct) =>
            {
                asset.Code = body.Code!.Trim();
                asset.Name = body.Name!.Trim();
                await ApplyAsync(db, asset, body, ct);
            },
            FindAsync,
            "Edit equipment",
            Registers.Managers
        );
        g.MapArchive<Asset>("asset", Registers.Managers);
    }

    private static async Task ApplyAsync(WuyeDb db, Asset asset, AssetInput body, CancellationToken ct)
    {
        if (await db.Set<Asset>().AnyAsync(a => a.ProjectId == asset.ProjectId && a.Code == asset.Code && a.Id != asset.Id, ct))
            throw new RuleException(
                "asset.duplicate_code",
                $"本项目已有设备编号 {asset.Code}",
                $"The project already has asset {asset.Code}"
            );
        if (body.BuildingId is { } b && !await db.Buildings().AnyAsync(x => x.Id == b && x.ProjectId == asset.ProjectId, ct))
            throw ValidationException.For("buildingId", "楼栋不属于这个项目", "The building is not in this project");
        if (body.VendorId is { } v && !await db.Set<Vendor>().AnyAsync(x => x.Id == v && x.CompanyId == asset.CompanyId, ct))
            throw ValidationException.For("vendorId", "外包单位不存在或不属于本公司", "The vendor is not one of this company's");
        asset.Category = body.Category!.Value;
        asset.BuildingId = body.BuildingId;
        asset.Location = body.Location?.Trim();
        asset.VendorId = body.VendorId;
        asset.InstallDate = body.InstallDate;
        asset.NextInspection = body.NextInspection;
    }
}
