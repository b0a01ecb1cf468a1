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

internal static partial class RecordKinds
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Str(JsonElement row, string name) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString() ?? "",
                JsonValueKind.Null or JsonValueKind.Undefined => "",
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => v.GetRawText(),
            }
            : "";

    public static Guid? Id(JsonElement row, string name) => Guid.TryParse(Str(row, name), out var g) ? g : null;

    public static string EnumValue<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static Func<JsonElement, string?> EnumText<T>(string name, Func<T, string> text)
        where T : struct, Enum => row => Enum.TryParse<T>(Str(row, name), true, out var v) ? text(v) : "";

    private static Func<JsonElement, string?> YesNo(string name) =>
        row => Str(row, name) == "true" ? Loc.T("是", "Yes") : Loc.T("否", "No");

    private static Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> EnumOptions<T>(Func<T, string> text)
        where T : struct, Enum => (_, _, _) => Task.FromResult(Enum.GetValues<T>().Select(v => new Option(EnumValue(v), text(v))).ToList());

    private static Func<WuyeDb, FormContext, CancellationToken, Task<List<Option>>> Choices(
        Func<WuyeDb, FormContext, IQueryable<Option>> query
    ) => async (db, ctx, ct) => await query(db, ctx).Take(2000).ToListAsync(ct);

    private static JsonElement ToJson<T>(T value) => JsonSerializer.SerializeToElement(value, Json);

    private static Func<WuyeDb, RecordFilter, int, CancellationToken, Task<Paged<JsonElement>>> Lister<T>(
        Func<WuyeDb, RecordFilter, IQueryable<T>> query,
        Func<WuyeDb, IReadOnlyList<T>, CancellationToken, Task<IEnumerable<T>>>? after = null
    ) =>
        async (db, f, page, ct) =>
        {
            var p = await query(db, f).ToPagedAsync(page, Paging.DefaultPageSize, ct);
            var items = after is null ? p.Items : await after(db, p.Items, ct);
            return new Paged<JsonElement>([.. items.Select(ToJson)], p.Page, p.PageSize, p.Total);
        };

    private static Func<WuyeDb, Guid, CancellationToken, Task<JsonElement?>> Finder<T>(
        Func<WuyeDb, Guid, IQueryable<T>> query,
        Func<WuyeDb, IReadOnlyList<T>, CancellationToken, Task<IEnumerable<T>>>? after = null
    )
        where T : class =>
        async (db, id, ct) =>
        {
            if (await query(db, id).FirstOrDefaultAsync(ct) is not { } found)
                return null;
            var item = after is null ? found : (await after(db, [found], ct)).First();
            return ToJson(item);
        };

    private static async Task<IEnumerable<PersonDto>> PeopleShown(WuyeDb db, IReadOnlyList<PersonDto> people, CancellationToken ct) =>
        (await PeopleList.WithHomesAsync(db, people, ct)).Select(PeopleList.Masked);

    private static Task<IEnumerable<StaffDto>> StaffShown(WuyeDb _, IReadOnlyList<StaffDto> staff, CancellationToken __) =>
        Task.FromResult(staff.Select(s => s with { Phone = Mask.Phone(s.Phone) }));

    public static RecordKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    private static string ProjectKindName(ProjectKind k) =>
        k == ProjectKind.Office ? Loc.T("写字楼", "Office") : Loc.T("住宅小区", "Residential");
}
