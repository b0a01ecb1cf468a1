using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Vendors;

internal sealed record VendorDto(
    Guid Id,
    Guid CompanyId,
    string Name,
    VendorService Service,
    string? ContactName,
    string? ContactPhone,
    DateOnly? ContractEnd,
    int Assets,
    bool Archived,
    uint Version
);

internal sealed record VendorInput(
    Guid? CompanyId,
    string? Name,
    VendorService? Service,
    string? ContactName,
    string? ContactPhone,
    DateOnly? ContractEnd,
    uint? Version
) : IValidatable, IVersioned
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "单位名称", "Name")
            .MaxLength("name", Name, 100, "单位名称", "Name")
            .Required("service", Service, "服务类型", "Service")
            .MaxLength("contactName", ContactName, 50, "联系人", "Contact")
            .Phone("contactPhone", ContactPhone);
}

/// <summary>/api/v1/vendors: outsourced service companies working for the property company.</summary>
internal static class Vendors
{
    internal static IQueryable<VendorDto> List(WuyeDb db, Guid? companyId, VendorService? service, string? q, bool? archived)
    {
        var query = db.Set<Vendor>().AsNoTracking().Where(v => (v.ArchivedAt != null) == (archived ?? false));
        if (companyId is { } c)
            query = query.Where(v => v.CompanyId == c);
        if (service is { } s)
            query = query.Where(v => v.Service == s);
        if (!string.IsNullOrWhiteSpace(q))
            query = query.Where(v => v.Name.Contains(q.Trim()));
        return Dto(db, query.OrderBy(v => v.Name).ThenBy(v => v.Id));
    }

    internal static IQueryable<VendorDto> Dto(WuyeDb db, IQueryable<Vendor> q) =>
        q.Select(v => new VendorDto(
            v.Id,
            v.CompanyId,
            v.Name,
            v.Service,
            v.ContactName,
            v.ContactPhone,
            v.ContractEnd,
            db.Set<Asset>().Count(a => a.VendorId == v.Id && a.ArchivedAt == null),
            v.ArchivedAt != null,
            v.Version
        ));

    private static Task<VendorDto?> FindAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        Dto(db, db.Set<Vendor>().AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct);

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/vendors").WithTags("Vendors");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    Guid? companyId,
                    VendorService? service,
                    string? q,
                    bool? archived,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) => TypedResults.Ok(await List(db, companyId, service, q, archived).ToPagedAsync(page, pageSize, ct))
            )
            .WithSummary("Outsourced vendors");
        g.MapGet(
                "/export",
                (WuyeDb db, Guid? companyId, VendorService? service, string? q, bool? archived, string? format, CancellationToken ct) =>
                    Registers.ExportAsync(
                        List(db, companyId, service, q, archived),
                        format,
                        "外包单位",
                        "vendors",
                        [
                            new("单位名称", "Name", v => v.Name),
                            new("服务类型", "Service", v => Names.Service(v.Service)),
                            new("联系人", "Contact", v => v.ContactName),
                            new("联系电话", "Phone", v => v.ContactPhone),
                            new("合同到期", "Contract end", v => TableFile.Date(v.ContractEnd)),
                            new("维保设备数", "Assets", v => v.Assets.ToString()),
                        ],
                        ct
                    )
            )
            .WithSummary("The filtered list as .xlsx or .csv");
        g.MapOne(FindAsync, "One vendor");
        g.MapCreate(
            "vendors",
            async (WuyeDb db, VendorInput body, CancellationToken ct) =>
            {
                var company = await Registers.ParentAsync(db.Companies(), body.CompanyId, "companyId", "公司", "Company", ct);
                var vendor = new Vendor { CompanyId = company.Id, Name = body.Name!.Trim() };
                await ApplyAsync(db, vendor, body, ct);
                return vendor;
            },
            FindAsync,
            "Register a vendor",
            [Roles.CompanyManager]
        );
        g.MapEdit(
            async (WuyeDb db, Vendor vendor, VendorInput body, CancellationToken ct) =>
            {
                vendor.Name = body.Name!.Trim();
                await ApplyAsync(db, vendor, body, ct);
            },
            FindAsync,
            "Edit a vendor",
            [Roles.CompanyManager]
        );
        g.MapArchive<Vendor>("vendor", Roles.CompanyManager);
    }

    private static async Task ApplyAsync(WuyeDb db, Vendor vendor, VendorInput body, CancellationToken ct)
    {
        if (await db.Set<Vendor>().AnyAsync(v => v.CompanyId == vendor.CompanyId && v.Name == vendor.Name && v.Id != vendor.Id, ct))
            throw new RuleException(
                "vendor.duplicate_name",
                $"已有名为“{vendor.Name}”的外包单位",
                $"There is already a vendor named \"{vendor.Name}\""
            );
        vendor.Service = body.Service!.Value;
        vendor.ContactName = body.ContactName?.Trim();
        vendor.ContactPhone = string.IsNullOrWhiteSpace(body.ContactPhone) ? null : body.ContactPhone.Trim();
        vendor.ContractEnd = body.ContractEnd;
    }
}
