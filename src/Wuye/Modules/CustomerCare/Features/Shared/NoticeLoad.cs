using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Shared;

internal static class NoticeLoad
{
    /// <summary>A notice of the publisher's places, tracked for a change; 404 otherwise.</summary>
    public static async Task<Notice> ForChangeAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        await db.Set<Notice>().FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new NotFoundException("notice");
}
