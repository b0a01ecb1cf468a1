using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.ListCertificates;

/// <summary>GET /certificates (the register, soonest expiry first) and GET /certificates/{id}.</summary>
internal static class ListCertificatesEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/certificates").WithTags("Staff");
        g.MapGet(
                "/",
                async (
                    WuyeDb db,
                    TimeProvider clock,
                    IOptions<StaffOptions> options,
                    Guid? projectId,
                    Guid? staffMemberId,
                    EnumQuery<CertificateKind>? kind,
                    EnumQuery<CertificateStatus>? status,
                    int? page,
                    int? pageSize,
                    CancellationToken ct
                ) =>
                {
                    var today = ChinaTime.Today(clock);
                    var days = options.Value.CertificateRemindDays;
                    var q = CertificateViews.Visible(db);
                    if (projectId is { } p)
                        q = q.Where(c => c.ProjectId == p);
                    if (staffMemberId is { } s)
                        q = q.Where(c => c.StaffMemberId == s);
                    if (kind?.Value is { } k)
                        q = q.Where(c => c.Kind == k);
                    if (status?.Value is { } st)
                        q = q.InStatus(st, today, days);
                    var paged = await q.OrderBy(c => c.ExpiresOn).ThenBy(c => c.Id).ToPagedAsync(page, pageSize, ct);
                    var items = await CertificateViews.ToDtosAsync(db, paged.Items, today, days, ct);
                    return TypedResults.Ok(new Paged<CertificateDto>(items, paged.Page, paged.PageSize, paged.Total));
                }
            )
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Holders])
            .WithSummary("Special-operation certificates, soonest expiry first (front-line staff: their own)");

        g.MapGet(
                "/{id:guid}",
                async Task<Results<Ok<CertificateDto>, NotFound>> (
                    WuyeDb db,
                    TimeProvider clock,
                    IOptions<StaffOptions> options,
                    Guid id,
                    CancellationToken ct
                ) =>
                    await CertificateViews.Visible(db).FirstOrDefaultAsync(c => c.Id == id, ct) is { } c
                        ? TypedResults.Ok(
                            (await CertificateViews.ToDtosAsync(db, [c], ChinaTime.Today(clock), options.Value.CertificateRemindDays, ct))[
                                0
                            ]
                        )
                        : TypedResults.NotFound()
            )
            .RequireRoles([.. StaffRoles.Keepers, .. StaffRoles.Holders])
            .WithSummary("One certificate");
    }
}
