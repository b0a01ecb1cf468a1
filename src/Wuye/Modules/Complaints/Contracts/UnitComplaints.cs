namespace Wuye.Modules.Complaints.Contracts;

/// <summary>A complaint about a household, as another module shows it beside its own record (e.g. beside its arrears).</summary>
public sealed record UnitComplaintSummary(Guid UnitId, string Number, string Description, bool Open, DateTimeOffset ReceivedAt);

/// <summary>What other modules may read of complaints: a household's open complaints and those received since a moment.</summary>
public interface IUnitComplaints
{
    /// <summary>The complaints of <paramref name="unitIds"/> the reader may see that are open or were received since
    /// <paramref name="since"/>, newest first.</summary>
    Task<List<UnitComplaintSummary>> ForUnitsAsync(IReadOnlyCollection<Guid> unitIds, DateTimeOffset since, CancellationToken ct);
}
