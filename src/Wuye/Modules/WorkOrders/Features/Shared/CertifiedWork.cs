using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.WorkOrders.Contracts;
using Wuye.Modules.WorkOrders.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.WorkOrders.Features.Shared;

/// <summary>
/// 持证上岗: the jobs that need a special-operation certificate (electrical work, 电工作业). A technician whose certificate
/// has lapsed is not offered them, cannot be dispatched or transferred them, and cannot take them from the pool, until the
/// certificate is renewed in the staff register.
/// </summary>
internal static class CertifiedWork
{
    public static CertificateKind? Needed(RequestCategory category) =>
        category switch
        {
            RequestCategory.Electrical => CertificateKind.Electrician,
            _ => null,
        };

    /// <summary>Of <paramref name="techs"/>, those who may not take a job of <paramref name="category"/> today.</summary>
    public static async Task<HashSet<Guid>> BarredAsync(
        WuyeDb db,
        TimeProvider clock,
        RequestCategory category,
        Guid companyId,
        IReadOnlyCollection<Guid> techs,
        CancellationToken ct
    ) => Needed(category) is { } kind ? await db.LapsedHoldersAsync(kind, ChinaTime.Today(clock), companyId, techs, ct) : [];

    /// <summary>Refuses a technician barred from the job, as a field error on <paramref name="field"/>.</summary>
    public static async Task CheckAsync(WuyeDb db, TimeProvider clock, WorkOrder wo, Guid tech, string field, CancellationToken ct)
    {
        if ((await BarredAsync(db, clock, wo.Category, wo.CompanyId, [tech], ct)).Count > 0)
            throw ValidationException.For(
                field,
                "该维修工的电工作业证书已过期，复审前不能承接需持证的工单",
                "This technician's certificate for the work has lapsed: no certified work until it is renewed"
            );
    }
}
