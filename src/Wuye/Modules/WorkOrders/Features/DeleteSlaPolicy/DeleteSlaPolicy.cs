using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;

namespace Wuye.Modules.WorkOrders.Features.DeleteSlaPolicy;

internal static class DeleteSlaPolicyEndpoint
{
    public static void Map(RouteGroupBuilder policies) =>
        policies
            .MapDelete(
                "/{id:guid}",
                async Task<Results<NoContent, NotFound>> (DeleteSlaPolicyHandler handler, Guid id, CancellationToken ct) =>
                    await handler.HandleAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()
            )
            .RequireRoles(Roles.ProjectManager, Roles.CompanyManager)
            .WithSummary("Remove one row; that kind of request falls back to the row for any category");
}

/// <summary>Removes one row; requests of that kind then fall back to the row for any category, or run without limits.</summary>
internal sealed class DeleteSlaPolicyHandler(WuyeDb db)
{
    public async Task<bool> HandleAsync(Guid id, CancellationToken ct)
    {
        var row = await db.Set<SlaPolicy>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (row is null)
            return false;
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
