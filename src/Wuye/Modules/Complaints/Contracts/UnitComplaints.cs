namespace Wuye.Modules.Complaints.Contracts;

/// <summary>A complaint about a household, as another module shows it beside its own record (e.g. beside its arrears).</summary>
public sealed record UnitComplaintSummary(Guid UnitId, string Number, string Description, bool Open, DateTimeOffset ReceivedAt);

/// <summary>What other modules may read of complaints: a household's open complaints and those received since a moment.</summary>
public interface IUnitComplaints
{
    /// <summary>The complaints of <paramref name="unitIds"/> the reader may see that are open or were received since
    /// <paramref name="since"/>, newest first.</summary>
    Task<List<UnitComplaintSummary>> ForUnitsAsync(IReadOnlyCollection<Guid> unitIds, DateTimeOffset since, CancellationToken ct);

    /// <summary>The complaints of the project the reader may see received in [<paramref name="from"/>, <paramref name="to"/>) about
    /// units in <paramref name="buildingIds"/> (any unit when none is named), oldest first (an emergency links those raised during it).
    /// </summary>
    Task<List<UnitComplaintSummary>> RaisedDuringAsync(
        Guid projectId,
        IReadOnlyCollection<Guid> buildingIds,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    );
}
