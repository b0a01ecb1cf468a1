using Wuye.Modules.Security.Domain;
using Wuye.Platform.Database;

namespace Wuye.Modules.Security.Contracts;

/// <summary>
/// A security post (岗位) as other modules may read it: its project, name and kind (Gate, CarPark, Patrol, Lobby, Monitoring).
/// </summary>
public sealed class SecurityPostRef
{
    public Guid Id { get; init; }
    public Guid CompanyId { get; init; }
    public Guid ProjectId { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public DateTimeOffset? ArchivedAt { get; init; }
}

/// <summary>The security posts, read only.</summary>
public static class SecurityPostReads
{
    /// <summary>Every post the caller may see, as an IQueryable under the same scope filters.</summary>
    public static IQueryable<SecurityPostRef> SecurityPostRefs(this WuyeDb db) =>
        db.Set<SecurityPost>()
            .Select(p => new SecurityPostRef
            {
                Id = p.Id,
                CompanyId = p.CompanyId,
                ProjectId = p.ProjectId,
                Name = p.Name,
                Kind =
                    p.Kind == PostKind.Gate ? "Gate"
                    : p.Kind == PostKind.CarPark ? "CarPark"
                    : p.Kind == PostKind.Patrol ? "Patrol"
                    : p.Kind == PostKind.Lobby ? "Lobby"
                    : "Monitoring",
                ArchivedAt = p.ArchivedAt,
            });
}
