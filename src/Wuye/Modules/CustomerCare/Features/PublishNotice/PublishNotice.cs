using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.CustomerCare.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.PublishNotice;

internal sealed record PublishInput(DateTimeOffset? From) : IValidatable
{
    public void Validate(Validator v) { }
}

/// <summary>POST /notices/{id}/publish: a draft goes up now or from a later moment (pushed when it goes up, if it must be).</summary>
internal sealed class PublishNoticeHandler(WuyeDb db, TimeProvider clock, NoticeRecipients recipients)
{
    public static void Map(RouteGroupBuilder api) =>
        NoticeApi
            .Notices(api)
            .MapPost(
                "/{id:guid}/publish",
                async (PublishNoticeHandler handler, NoticeReader reader, Guid id, PublishInput? body, CancellationToken ct) =>
                {
                    await handler.HandleAsync(id, body?.From, ct);
                    return TypedResults.Ok(await reader.ToDtos((await reader.VisibleAsync(ct)).Where(n => n.Id == id)).FirstAsync(ct));
                }
            )
            .RequireRoles(CareRoles.Publishers)
            .WithSummary("Publish a draft notice now or from a later moment");

    public async Task HandleAsync(Guid id, DateTimeOffset? from, CancellationToken ct)
    {
        var n = await NoticeLoad.ForChangeAsync(db, id, ct);
        n.Publish(clock.GetUtcNow(), from);
        await recipients.PrepareAsync(n, ct);
        await db.SaveChangesAsync(ct);
    }
}
