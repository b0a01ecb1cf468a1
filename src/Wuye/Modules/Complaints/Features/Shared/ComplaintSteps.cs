using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

/// <summary>What every complaint use case does around the entity: load it, name the actor, check first-responder ownership, write the
/// timeline.</summary>
internal sealed class ComplaintSteps(WuyeDb db, TimeProvider clock, UserNames userNames)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Complaint> LoadAsync(Guid id, CancellationToken ct) =>
        await db.Set<Complaint>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("complaint");

    /// <summary>The signed-in user (or "系统" for the system).</summary>
    public async Task<(Guid Id, string Name)> ActorAsync(CancellationToken ct)
    {
        var id = db.Scope.UserId ?? Guid.Empty;
        return (id, id == Guid.Empty ? "系统" : await NameOfAsync(id, ct));
    }

    public async Task<string> NameOfAsync(Guid userId, CancellationToken ct) => await userNames.NameAsync(userId, ct) ?? "?";

    /// <summary>Loads the complaint and the actor, and checks the actor may handle it (首问责任制).</summary>
    public async Task<(Complaint Complaint, (Guid Id, string Name) Actor)> LoadForHandlerAsync(Guid id, CancellationToken ct)
    {
        var c = await LoadAsync(id, ct);
        var actor = await ActorAsync(ct);
        c.CheckHandler(actor.Id, db.Scope.IsGlobal, db.Scope.Roles);
        return (c, actor);
    }

    public void Log(Complaint c, ComplaintEventKind kind, (Guid Id, string Name) actor, string? note) =>
        db.Add(c.Event(kind, Now, actor.Id == Guid.Empty ? null : actor.Id, actor.Name, note));
}
