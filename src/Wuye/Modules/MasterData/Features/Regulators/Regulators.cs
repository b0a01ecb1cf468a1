using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Regulators;

internal sealed record RegulatorDto(Guid Id, string Name, string? RegionCode);

internal sealed record RegulatorInput(string? Name, string? RegionCode) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "名称", "Name")
            .MaxLength("name", Name, 100, "名称", "Name")
            .MaxLength("regionCode", RegionCode, 12, "行政区划代码", "Region code");
}

/// <summary>/api/v1/regulators: the platform admin registers a regulator (主管部门), then invites its staff (/api/v1/invitations).</summary>
internal static class Regulators
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/regulators").WithTags("Regulators");
        g.MapGet("/", async (WuyeDb db, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(
                    await db.Set<Regulator>()
                        .AsNoTracking()
                        .OrderBy(r => r.Name)
                        .ThenBy(r => r.Id)
                        .Select(r => new RegulatorDto(r.Id, r.Name, r.RegionCode))
                        .ToPagedAsync(page, pageSize, ct)
                )
            )
            .WithSummary("Regulators the user may see");
        g.MapPost("/", async Task<Created<RegulatorDto>> (WuyeDb db, RegulatorInput body, CancellationToken ct) =>
            {
                var name = body.Name!.Trim();
                if (await db.Set<Regulator>().AnyAsync(r => r.Name == name, ct))
                    throw ValidationException.For("name", "已有同名的主管部门", "A regulator of that name exists");
                var regulator = new Regulator
                {
                    Name = name,
                    RegionCode = string.IsNullOrWhiteSpace(body.RegionCode) ? null : body.RegionCode.Trim(),
                };
                db.Add(regulator);
                await db.SaveChangesAsync(ct);
                return TypedResults.Created(
                    $"/api/v1/regulators/{regulator.Id}",
                    new RegulatorDto(regulator.Id, regulator.Name, regulator.RegionCode)
                );
            })
            .RequireRoles(Roles.PlatformAdmin)
            .WithSummary("Register a regulator (platform admin)");
    }
}
