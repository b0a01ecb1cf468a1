using Wuye.Platform.Database;
using Wuye.Platform.Tenancy;

namespace Wuye.Modules.Facilities.Domain;

/// <summary>
/// A fault reported on an asset outside a maintenance round (报修到设备): the public-area request it opened in the work-order loop.
/// The asset is out of order from <see cref="ReportedAt"/> until that request's work is completed (item 3).
/// </summary>
internal sealed class AssetFault : Entity, IScoped
{
    public Guid CompanyId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid AssetId { get; set; }
    public Guid ServiceRequestId { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    public Guid? ReportedByUserId { get; set; }
    public required string Description { get; set; }
}
