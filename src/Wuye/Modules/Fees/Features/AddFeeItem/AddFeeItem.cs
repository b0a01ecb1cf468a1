using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Fees.Domain;
using Wuye.Modules.Fees.Features.Shared;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Fees.Features.AddFeeItem;

internal sealed record NewFeeItem(
    Guid? ProjectId,
    string? Name,
    FeeKind? Kind,
    decimal? UnitPrice,
    string? UnitType,
    RoundingRule? Rounding,
    int? DueDay,
    int? GraceDays,
    decimal? LateFeeDailyRate,
    decimal? LateFeeCap,
    int? CycleMonths = null,
    string? UsageUnit = null
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("name", Name, "收费项目名称", "Name")
            .MaxLength("name", Name, 50, "收费项目名称", "Name")
            .Required("kind", Kind, "计费方式", "Kind")
            .Required("unitPrice", UnitPrice, "单价", "Unit price")
            .Range("unitPrice", UnitPrice, 0.0001m, 99_999_999m, "单价", "Unit price")
            .MaxLength("unitType", UnitType, 50, "房屋类型", "Unit type")
            .Range("dueDay", DueDay, 1, 28, "缴费截止日", "Due day")
            .Range("graceDays", GraceDays, 0, 365, "宽限天数", "Grace days")
            .Range("lateFeeDailyRate", LateFeeDailyRate, 0, 0.01m, "滞纳金日费率", "Late fee per day")
            .Range("lateFeeCap", LateFeeCap, 0, 1, "滞纳金上限", "Late fee cap");
        if (UnitPrice is { } p && p != Math.Round(p, 4))
            v.Add("unitPrice", "单价最多 4 位小数", "At most 4 decimals in the unit price");
        if (LateFeeDailyRate is { } r && r != Math.Round(r, 6))
            v.Add("lateFeeDailyRate", "日费率最多 6 位小数", "At most 6 decimals in the daily rate");
        if (LateFeeCap is { } c && c != Math.Round(c, 6))
            v.Add("lateFeeCap", "上限最多 6 位小数", "At most 6 decimals in the cap");
        if (CycleMonths is { } m && !FeeItem.Cycles.Contains(m))
            v.Add("cycleMonths", "计费周期应为 1、3、6 或 12 个月", "The billing cycle is 1, 3, 6 or 12 months");
        if (Kind == FeeKind.Metered && string.IsNullOrWhiteSpace(UsageUnit))
            v.Add("usageUnit", "抄表计费请填写计量单位（如 吨、度、m³）", "A metered item needs its usage unit (t, kWh, m³)");
        v.MaxLength("usageUnit", UsageUnit, 10, "计量单位", "Usage unit");
        if (Kind is FeeKind.Metered or FeeKind.OneOff && CycleMonths is > 1)
            v.Add("cycleMonths", "抄表计费和一次性收费没有计费周期", "Metered and one-off items have no billing cycle");
        if (Kind == FeeKind.ParkingRent && !string.IsNullOrWhiteSpace(UnitType))
            v.Add("unitType", "车位租金按车位收取，不分房屋类型", "Parking rent is per space, not per unit type");
    }
}

/// <summary>POST /fee-items: a new fee item of a project (a new price is a new item; the old one is retired).</summary>
internal sealed class AddFeeItemHandler(WuyeDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        FeeApi
            .FeeItems(api)
            .MapPost("/", async (WuyeDb db, AddFeeItemHandler handler, NewFeeItem body, CancellationToken ct) =>
            {
                var item = await handler.HandleAsync(body, ct);
                var dto = await FeeItemQueries.Dtos(db.Set<FeeItem>().AsNoTracking().Where(i => i.Id == item.Id)).FirstAsync(ct);
                return TypedResults.Created($"/api/v1/fee-items/{item.Id}", dto);
            })
            .RequireRoles(FeeRoles.Managers)
            .WithSummary(
                "Add a fee item to a project: per m² by unit type, fixed, parking rent, metered (reading × price) or one-off; billing "
                    + "cycle (1, 3, 6 or 12 months); due day (days to pay for metered and one-off), grace days and late fee"
            );

    public async Task<FeeItem> HandleAsync(NewFeeItem input, CancellationToken ct)
    {
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var name = input.Name!.Trim();
        if (await db.Set<FeeItem>().AnyAsync(i => i.ProjectId == project.Id && i.Name == name && i.ArchivedAt == null, ct))
            throw ValidationException.For(
                "name",
                "该项目已有同名收费项目；改价请先停用旧项目",
                "The project has a fee item of this name; retire it first to change the price"
            );
        var item = new FeeItem
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Name = name,
            Kind = input.Kind!.Value,
            UnitPrice = input.UnitPrice!.Value,
            UnitType = input.UnitType?.Trim() is { Length: > 0 } t ? t : null,
            Rounding = input.Rounding ?? RoundingRule.HalfUp,
            DueDay = input.DueDay ?? 15,
            GraceDays = input.GraceDays ?? 0,
            LateFeeDailyRate = input.LateFeeDailyRate ?? 0,
            LateFeeCap = input.LateFeeCap ?? 0,
            CycleMonths = input.CycleMonths ?? 1,
            UsageUnit = input.Kind == FeeKind.Metered ? input.UsageUnit!.Trim() : null,
        };
        db.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }
}
