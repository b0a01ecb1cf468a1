using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PinNotice;

internal sealed record PinInput(bool? Pinned) : IValidatable
{
    public void Validate(Validator v) => v.Required("pinned", Pinned, "是否置顶", "Pinned");
}

/// <summary>POST /notices/{id}/pin: pinned notices stay at the top of the board.</summary>
internal static class PinNotice
{
    public static void Map(RouteGroupBuilder api) =>
        NoticeApi
            .Notices(api)
            .MapPost("/{id:guid}/pin", async (WuyeDb db, NoticeReader reader, Guid id, PinInput body, CancellationToken ct) =>
            {
                var n = await NoticeLoad.ForChangeAsync(db, id, ct);
                n.Pin(body.Pinned!.Value);
                await db.SaveChangesAsync(ct);
                return TypedResults.Ok(await reader.ToDtos((await reader.VisibleAsync(ct)).Where(x => x.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Pin a notice to the top of the board, or unpin it");
}
