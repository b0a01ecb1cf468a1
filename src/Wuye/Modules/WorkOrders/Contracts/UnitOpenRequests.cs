namespace Wuye.Modules.WorkOrders.Contracts;

/// <summary>A household's request still open, as another module shows it beside its own record (e.g. beside the arrears).</summary>
public sealed record UnitOpenRequest(Guid UnitId, string Number, string Description, DateTimeOffset OpenedAt);

/// <summary>What other modules may read of a household's service requests: those still open.</summary>
public interface IUnitOpenRequests
{
    /// <summary>The open requests of <paramref name="unitIds"/> the reader may see, oldest first.</summary>
    Task<List<UnitOpenRequest>> OpenForUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct);
}
