using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.CustomerCare.Features.WithdrawNotice;

/// <summary>POST /notices/{id}/withdraw: takes a notice off the board (kept, with its receipts).</summary>
internal sealed class WithdrawNoticeHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        NoticeApi
            .Notices(api)
            .MapPost("/{id:guid}/withdraw", async (WithdrawNoticeHandler handler, NoticeReader reader, Guid id, CancellationToken ct) =>
            {
                await handler.HandleAsync(id, ct);
                return TypedResults.Ok(await reader.ToDtos((await reader.VisibleAsync(ct)).Where(n => n.Id == id)).FirstAsync(ct));
            })
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Take a notice off the board");

    public async Task HandleAsync(Guid id, CancellationToken ct)
    {
        var n = await NoticeLoad.ForChangeAsync(db, id, ct);
        n.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
