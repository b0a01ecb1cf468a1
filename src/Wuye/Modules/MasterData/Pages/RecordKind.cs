using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.MasterData.Data;
using Wuye.Modules.MasterData.Domain;
using Wuye.Modules.MasterData.Features.ImportMasterData;
using Wuye.Modules.MasterData.Features.People;
using Wuye.Modules.MasterData.Features.Shared;
using Wuye.Modules.MasterData.Features.Staff;
using Wuye.Platform.Audit;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;
using AssetList = Wuye.Modules.MasterData.Features.Assets.Assets;
using BuildingList = Wuye.Modules.MasterData.Features.Buildings.Buildings;
using ParkingList = Wuye.Modules.MasterData.Features.ParkingSpaces.ParkingSpaces;
using PeopleList = Wuye.Modules.MasterData.Features.People.People;
using ProjectList = Wuye.Modules.MasterData.Features.Projects.Projects;
using StaffList = Wuye.Modules.MasterData.Features.Staff.Staff;
using TeamList = Wuye.Modules.MasterData.Features.Teams.Teams;
using VehicleList = Wuye.Modules.MasterData.Features.Vehicles.Vehicles;
using VendorList = Wuye.Modules.MasterData.Features.Vendors.Vendors;
using ZoneList = Wuye.Modules.MasterData.Features.Zones.Zones;

namespace Wuye.Modules.MasterData.Pages;

internal enum FieldType
{
    Text,
    Number,
    Date,
    Bool,
    Select,
}

internal sealed record Option(string Value, string Label);

/// <summary>Where a form's record sits: the choices of its selects (zones, units, vendors…) come from here.</summary>
internal sealed record FormContext(Guid? CompanyId, Guid? ProjectId);

internal sealed record Field(string Name, string Zh, string En, FieldType Type = FieldType.Text, bool Required = false)
{
    /// <summary>Set on creation only (the parent a record hangs under).</summary>
    public bool CreateOnly { get; init; }

    /// <summary>Shown masked; sent to the API only when someone types a new value.</summary>
    public bool Masked { get; init; }
    public Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>>? Options { get; init; }
    public string Label => Loc.T(Zh, En);
}

internal sealed record Column(string Name, string Zh, string En, Func<JsonElement, string?>? Format = null)
{
    /// <summary>Hidden below the md breakpoint so a list fits a phone.</summary>
    public bool Secondary { get; init; }
    public string Label => Loc.T(Zh, En);

    public string Text(JsonElement row) => Format is { } f ? f(row) ?? "" : RecordKinds.Str(row, Name);
}

internal sealed record RelatedTable(string Zh, string En, IReadOnlyList<string> Headers, IReadOnlyList<string?[]> Rows)
{
    public string Label => Loc.T(Zh, En);
}

/// <summary>A form on a record's page that creates something under it (a person's link to a unit).</summary>
internal sealed record SubForm(string Zh, string En, string Path, Field[] Fields)
{
    /// <summary>A field of the API's answer shown once on the page instead of going on (a one-time password).</summary>
    public string? Reveal { get; init; }

    /// <summary>When the record no longer takes this form (the staff member has an account).</summary>
    public Func<System.Text.Json.JsonElement, bool>? Hidden { get; init; }

    public string Label => Loc.T(Zh, En);
}

internal sealed record RecordFilter(Guid? ProjectId, string? Q, bool Archived);

internal enum ParentLevel
{
    Company,
    Project,
}

/// <summary>
/// One kind of master record as the pages show it: list columns, form fields, where it hangs,
/// who edits it. The pages are one list and one detail page for every kind; the forms send
/// JSON to the kind's /api/v1 resource, so validation, scope checks and rules live in one place.
/// </summary>
internal sealed class RecordKind
{
    public required string Key { get; init; }
    public required string Zh { get; init; }
    public required string En { get; init; }
    public required string Resource { get; init; }
    public required string[] Editors { get; init; }
    public string[]? Creators { get; init; }
    public ParentLevel Parent { get; init; } = ParentLevel.Project;
    public bool Archivable { get; init; } = true;
    public required Column[] Columns { get; init; }
    public required Field[] Fields { get; init; }
    public required Func<WuyeDb, RecordFilter, int, CancellationToken, Task<Paged<JsonElement>>> List { get; init; }
    public required Func<WuyeDb, Guid, CancellationToken, Task<JsonElement?>> One { get; init; }
    public required Func<JsonElement, string> Title { get; init; }
    public Func<WuyeDb, JsonElement, CancellationToken, Task<RelatedTable?>>? Related { get; init; }
    public SubForm? Sub { get; init; }
    public string SearchHint { get; init; } = "名称";
    public string SearchHintEn { get; init; } = "Name";
    public string Label => Loc.T(Zh, En);
    public string ParentField => Parent == ParentLevel.Company ? "companyId" : "projectId";

    public bool MayEdit(Platform.Tenancy.DataScope scope) => scope.IsGlobal || Editors.Any(scope.Roles.Contains);

    public bool MayCreate(Platform.Tenancy.DataScope scope) => scope.IsGlobal || (Creators ?? Editors).Any(scope.Roles.Contains);
}
