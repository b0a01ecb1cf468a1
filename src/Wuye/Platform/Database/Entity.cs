using System.ComponentModel.DataAnnotations;

namespace Wuye.Platform.Database;

/// <summary>
/// Every business record: a time-ordered id made by the app (so an insert needs no round trip
/// to learn it), creation and update stamps set by <see cref="WuyeDb"/>, and PostgreSQL's
/// xmin as the optimistic concurrency token. Every change to one is written to the audit log.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }
}
