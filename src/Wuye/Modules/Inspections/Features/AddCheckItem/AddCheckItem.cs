using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features.AddCheckItem;

/// <summary>Add a line to the company's standards library, as revision 1.</summary>
internal static class AddCheckItemEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/check-items")
            .WithTags("Inspections")
            .MapPost("/", async Task<Created<CheckItemDto>> (WuyeDb db, CheckItemInput body, CancellationToken ct) =>
            {
                var companyId = Qpi.ActingCompany(db, body.CompanyId);
                var code = body.Code!.Trim();
                if (await db.Set<CheckItem>().AnyAsync(i => i.CompanyId == companyId && i.Code == code, ct))
                    throw CheckItem.DuplicateCode(code);
                var item = new CheckItem
                {
                    CompanyId = companyId,
                    Code = code,
                    Description = "",
                };
                item.Word(
                    body.Code!,
                    body.ParsedArea,
                    body.ParsedFrequency,
                    body.Description!,
                    body.Method,
                    body.Sampling,
                    body.PointsPerDeduction
                );
                db.Add(item);
                db.Add(item.Snapshot());
                await db.SaveChangesAsync(ct);
                return TypedResults.Created($"/api/v1/check-items/{item.Id}", CheckItemRules.ToDto(item));
            })
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Add a check item");
}
