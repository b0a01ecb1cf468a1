using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Modules.Inspections.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.Inspections.Features.ReviseCheckItem;

/// <summary>A new wording of a check item is a new revision; the old one is kept.</summary>
internal static class ReviseCheckItemEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/check-items")
            .WithTags("Inspections")
            .MapPut(
                "/{id:guid}",
                async Task<Results<Ok<CheckItemDto>, NotFound>> (WuyeDb db, Guid id, CheckItemInput body, CancellationToken ct) =>
                {
                    var item = await db.Set<CheckItem>().FirstOrDefaultAsync(i => i.Id == id, ct);
                    if (item is null)
                        return TypedResults.NotFound();
                    var code = body.Code!.Trim();
                    if (await db.Set<CheckItem>().AnyAsync(i => i.CompanyId == item.CompanyId && i.Code == code && i.Id != id, ct))
                        throw CheckItem.DuplicateCode(code);
                    db.Add(
                        item.Revise(
                            body.Code!,
                            body.ParsedArea,
                            body.ParsedFrequency,
                            body.Description!,
                            body.Method,
                            body.Sampling,
                            body.PointsPerDeduction
                        )
                    );
                    await db.SaveChangesAsync(ct);
                    return TypedResults.Ok(CheckItemRules.ToDto(item));
                }
            )
            .RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
            .WithSummary("Revise a check item (a new revision)");
}
