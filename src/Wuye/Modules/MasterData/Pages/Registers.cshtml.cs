using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Pages;

/// <summary>Parking spaces, vehicles, equipment and vendors: one searchable, exportable list per kind.</summary>
internal sealed class RegistersModel(WuyeDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "parking";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Due { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }
    public IReadOnlyList<string> Headers { get; private set; } = [];
    public Paged<string?[]> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public string Resource { get; private set; } = "parking-spaces";
    public string ExportQuery { get; private set; } = "";

    public static readonly (string Kind, string Zh, string En)[] Kinds =
    [
        ("parking", "车位", "Parking spaces"),
        ("vehicles", "车辆", "Vehicles"),
        ("assets", "设施设备", "Assets"),
        ("vendors", "外包单位", "Vendors"),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var page = PageNumber is < 1 ? 1 : PageNumber;
        var q = Q?.Trim() ?? "";
        switch (Kind)
        {
            case "parking":
                Resource = "parking-spaces";
                Headers =
                [
                    Loc.T("车位编号", "Code"),
                    Loc.T("类型", "Kind"),
                    Loc.T("位置", "Location"),
                    Loc.T("车位锁", "Lock"),
                    Loc.T("持有人", "Holder"),
                ];
                var spaces = await db.Set<ParkingSpace>()
                    .AsNoTracking()
                    .Where(s => s.ArchivedAt == null && (q == "" || s.Code.Contains(q)))
                    .OrderBy(s => s.Code)
                    .ThenBy(s => s.Id)
                    .Select(s => new
                    {
                        s.Code,
                        s.Kind,
                        s.Location,
                        s.HasLock,
                        Holder = db.People().Where(p => p.Id == s.HolderPersonId).Select(p => p.Name).FirstOrDefault(),
                    })
                    .ToPagedAsync(page, Paging.DefaultPageSize, ct);
                Result = new(
                    [
                        .. spaces.Items.Select(s =>
                            new[] { s.Code, Names.Parking(s.Kind), s.Location, TableFile.YesNo(s.HasLock), s.Holder }
                        ),
                    ],
                    spaces.Page,
                    spaces.PageSize,
                    spaces.Total
                );
                break;
            case "vehicles":
                Resource = "vehicles";
                Headers = [Loc.T("车牌号", "Plate"), Loc.T("车型", "Model")];
                var cars = await db.Set<Vehicle>()
                    .AsNoTracking()
                    .Where(v => v.ArchivedAt == null && (q == "" || v.Plate.Contains(q.ToUpper())))
                    .OrderBy(v => v.Plate)
                    .ThenBy(v => v.Id)
                    .Select(v => new { v.Plate, v.Model })
                    .ToPagedAsync(page, Paging.DefaultPageSize, ct);
                Result = new([.. cars.Items.Select(v => new[] { v.Plate, v.Model })], cars.Page, cars.PageSize, cars.Total);
                break;
            case "assets":
                Resource = "assets";
                Headers =
                [
                    Loc.T("设备编号", "Code"),
                    Loc.T("名称", "Name"),
                    Loc.T("类别", "Category"),
                    Loc.T("外包单位", "Vendor"),
                    Loc.T("下次检验", "Next inspection"),
                ];
                var dueBy = DateOnly.FromDateTime(clock.GetLocalNow().Date).AddMonths(1);
                var assets = await db.Set<Asset>()
                    .AsNoTracking()
                    .Where(a =>
                        a.ArchivedAt == null
                        && (q == "" || a.Code.Contains(q) || a.Name.Contains(q))
                        && (!Due || (a.NextInspection != null && a.NextInspection <= dueBy))
                    )
                    .OrderBy(a => a.Code)
                    .ThenBy(a => a.Id)
                    .Select(a => new
                    {
                        a.Code,
                        a.Name,
                        a.Category,
                        Vendor = db.Set<Vendor>().Where(v => v.Id == a.VendorId).Select(v => v.Name).FirstOrDefault(),
                        a.NextInspection,
                    })
                    .ToPagedAsync(page, Paging.DefaultPageSize, ct);
                Result = new(
                    [
                        .. assets.Items.Select(a =>
                            new[] { a.Code, a.Name, Names.Category(a.Category), a.Vendor, TableFile.Date(a.NextInspection) }
                        ),
                    ],
                    assets.Page,
                    assets.PageSize,
                    assets.Total
                );
                if (Due)
                    ExportQuery = $"&inspectionBefore={dueBy:yyyy-MM-dd}";
                break;
            case "vendors":
                Resource = "vendors";
                Headers =
                [
                    Loc.T("单位名称", "Name"),
                    Loc.T("服务类型", "Service"),
                    Loc.T("联系人", "Contact"),
                    Loc.T("合同到期", "Contract end"),
                ];
                var vendors = await db.Set<Vendor>()
                    .AsNoTracking()
                    .Where(v => v.ArchivedAt == null && (q == "" || v.Name.Contains(q)))
                    .OrderBy(v => v.Name)
                    .ThenBy(v => v.Id)
                    .Select(v => new
                    {
                        v.Name,
                        v.Service,
                        v.ContactName,
                        v.ContractEnd,
                    })
                    .ToPagedAsync(page, Paging.DefaultPageSize, ct);
                Result = new(
                    [
                        .. vendors.Items.Select(v =>
                            new[] { v.Name, Names.Service(v.Service), v.ContactName, TableFile.Date(v.ContractEnd) }
                        ),
                    ],
                    vendors.Page,
                    vendors.PageSize,
                    vendors.Total
                );
                break;
            default:
                return NotFound();
        }
        ExportQuery += q == "" ? "" : $"&q={Uri.EscapeDataString(q)}";
        return Page();
    }
}
