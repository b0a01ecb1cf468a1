using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Segments;

internal sealed record SegmentDto(CustomerSegment Segment, string Name, string Reason);

internal sealed record HouseholdSegmentsDto(Guid UnitId, string Label, Guid? ZoneId, IReadOnlyList<SegmentDto> Segments);

internal sealed record SegmentCountDto(CustomerSegment Segment, string Name, int Households);

/// <summary>GET /customer-segments: a project's households by segment, computed from the records; /counts: how many in each.</summary>
internal static class SegmentEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customer-segments").WithTags("Customer care");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    SegmentCalculator calc,
                    Guid? projectId,
                    CustomerSegment? segment,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var rows = await ForAsync(db, calc, projectId, ct);
                    if (segment is { } s)
                        rows = [.. rows.Where(r => r.Segments.Any(x => x.Segment == s))];
                    var (p, size) = Paging.Normalize(page, pageSize);
                    var items = rows.Skip((p - 1) * size).Take(size).Select(ToDto).ToList();
                    return TypedResults.Ok(new Paged<HouseholdSegmentsDto>(items, p, size, rows.Count));
                }
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("A project's households with their customer segments (关键/优质/重点客户, arrears, complaints, visits, tags)");
        g.MapGet("/counts", async (WuyeDb db, SegmentCalculator calc, Guid? projectId, CancellationToken ct) =>
                TypedResults.Ok(Counts(await ForAsync(db, calc, projectId, ct)))
            )
            .RequireRoles(CareRoles.Stewards)
            .WithSummary("How many of a project's households are in each segment");
    }

    public static List<SegmentCountDto> Counts(List<HouseholdSegments> rows) =>
        [
            .. Enum.GetValues<CustomerSegment>()
                .Select(s => new SegmentCountDto(s, SegmentRules.Name(s), rows.Count(r => r.Segments.Any(x => x.Segment == s)))),
        ];

    public static HouseholdSegmentsDto ToDto(HouseholdSegments h) =>
        new(h.UnitId, h.Label, h.ZoneId, [.. h.Segments.Select(s => new SegmentDto(s.Segment, SegmentRules.Name(s.Segment), s.Reason))]);

    private static async Task<List<HouseholdSegments>> ForAsync(WuyeDb db, SegmentCalculator calc, Guid? projectId, CancellationToken ct)
    {
        if (projectId is null)
            throw ValidationException.For("projectId", "请选择项目", "Choose a project");
        if (!await db.ProjectRefs().AnyAsync(p => p.Id == projectId && p.ArchivedAt == null, ct))
            throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        return await calc.ForProjectAsync(projectId.Value, null, ct);
    }
}
