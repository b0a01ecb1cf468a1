using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

internal enum RowAction
{
    Create,
    Update,
    Unchanged,
    Error,
}

internal sealed record ImportError(string Column, string Value, string Message);

internal sealed record ImportRowReport(
    string Sheet,
    int Row,
    string Key,
    RowAction Action,
    string? Changes,
    IReadOnlyList<ImportError> Errors
);

/// <summary>What an import would do: a report line per row, and the records to create (updates are made on tracked entities).</summary>
internal sealed class ImportPlan
{
    public List<ImportRowReport> Rows { get; } = [];
    public List<Vendor> Vendors { get; } = [];
    public List<Zone> Zones { get; } = [];
    public List<Building> Buildings { get; } = [];
    public List<Unit> Units { get; } = [];
    public List<Person> People { get; } = [];
    public List<UnitOccupant> Occupants { get; } = [];
    public List<ParkingSpace> Parking { get; } = [];
    public List<Asset> Assets { get; } = [];
    public List<StaffMember> Staff { get; } = [];

    /// <summary>
    /// Staff members to invite (an account without a password; the code goes by SMS through the outbox), with the report row.
    /// </summary>
    public List<(StaffMember Staff, string UserName, int Row)> Invitations { get; } = [];

    /// <summary>Roles to grant at the project (or a zone of it) to staff members with, or about to have, an account.</summary>
    public List<(StaffMember Staff, string Role, Zone? Zone)> Grants { get; } = [];
    public int DataRows => Rows.Count(r => r.Row > 0 && r.Key != "");

    public int Count(RowAction a) => Rows.Count(r => r.Action == a);

    public int Errors => Rows.Count(r => r.Action == RowAction.Error);
}
