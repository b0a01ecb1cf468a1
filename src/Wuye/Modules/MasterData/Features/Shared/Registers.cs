using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.Shared;

/// <summary>An input that carries the version its editor read (optimistic concurrency).</summary>
internal interface IVersioned
{
    uint? Version { get; }
}

/// <summary>One column of an export: its header in both languages and its cell.</summary>
internal sealed record Column<T>(string Zh, string En, Func<T, string?> Cell);

/// <summary>
/// What every register of the master data shares (zones, units, people, parking spaces, assets,
/// vendors, vehicles, teams, staff…): get one, create, edit, archive, export of the filtered list.
/// A register's folder says only what is its own: its filter, its DTO, how an input applies.
/// </summary>
internal static class Registers
{
    /// <summary>Who may change the tree and the registers.</summary>
    public static readonly string[] Managers = [Roles.CompanyManager, Roles.ProjectManager];

    /// <summary>A parent record the caller must be able to see, or a 400 on that field (never a hint that it exists elsewhere).</summary>
    public static async Task<T> ParentAsync<T>(IQueryable<T> set, Guid? id, string field, string zh, string en, CancellationToken ct)
        where T : Entity =>
        id is { } g && g != Guid.Empty && await set.FirstOrDefaultAsync(x => x.Id == g, ct) is { } found
            ? found
            : throw ValidationException.For(field, $"{zh}不存在或无权访问", $"{en} not found, or not yours");

    /// <summary>GET /{id}: one record as the caller sees it (<paramref name="shown"/> masks what lists mask).</summary>
    public static RouteHandlerBuilder MapOne<TDto>(
        this RouteGroupBuilder g,
        Func<WuyeDb, Guid, CancellationToken, Task<TDto?>> find,
        string summary,
        Func<WuyeDb, TDto, CancellationToken, Task<TDto>>? shown = null
    )
        where TDto : class =>
        g.MapGet("/{id:guid}", async Task<Results<Ok<TDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await find(db, id, ct) is { } found
                    ? TypedResults.Ok(shown is null ? found : await shown(db, found, ct))
                    : TypedResults.NotFound()
            )
            .WithSummary(summary);

    /// <summary>POST /: <paramref name="create"/> makes the record under a parent the caller may see; answered as read back.</summary>
    public static RouteHandlerBuilder MapCreate<TInput, TEntity, TDto>(
        this RouteGroupBuilder g,
        string resource,
        Func<WuyeDb, TInput, CancellationToken, Task<TEntity>> create,
        Func<WuyeDb, Guid, CancellationToken, Task<TDto?>> find,
        string summary,
        string[] roles,
        Func<TDto, TDto>? shown = null
    )
        where TInput : IValidatable
        where TEntity : Entity
        where TDto : class
    {
        // Handed over as a Delegate: the SDK's route-handler analyzer crashes (AD0001, and stops
        // checking the whole app) on a handler parameter of a generic type (dotnet/aspnetcore#56831).
        Delegate handler = async Task<Created<TDto>> (WuyeDb db, TInput body, CancellationToken ct) =>
        {
            var record = await create(db, body, ct);
            db.Add(record);
            await db.SaveChangesAsync(ct);
            var dto = (await find(db, record.Id, ct))!;
            return TypedResults.Created($"/api/v1/{resource}/{record.Id}", shown is null ? dto : shown(dto));
        };
        return g.MapPost("/", handler).RequireRoles(roles).WithSummary(summary);
    }

    /// <summary>PUT /{id}: loads the record, checks the version the editor read, applies <paramref name="edit"/>, saves, answers as read
    /// back.</summary>
    public static RouteHandlerBuilder MapEdit<TInput, TEntity, TDto>(
        this RouteGroupBuilder g,
        Func<WuyeDb, TEntity, TInput, CancellationToken, Task> edit,
        Func<WuyeDb, Guid, CancellationToken, Task<TDto?>> find,
        string summary,
        string[] roles,
        Func<TDto, TDto>? shown = null
    )
        where TInput : IValidatable, IVersioned
        where TEntity : Entity
        where TDto : class
    {
        Delegate handler = async Task<Results<Ok<TDto>, NotFound>> (WuyeDb db, Guid id, TInput body, CancellationToken ct) =>
        {
            var record = await db.Set<TEntity>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (record is null)
                return TypedResults.NotFound();
            record.CheckVersion(body.Version);
            await edit(db, record, body, ct);
            await db.SaveChangesAsync(ct);
            var dto = (await find(db, id, ct))!;
            return TypedResults.Ok(shown is null ? dto : shown(dto));
        };
        return g.MapPut("/{id:guid}", handler).RequireRoles(roles).WithSummary(summary);
    }

    /// <summary>POST /{id}/archive: the record leaves the lists, keeps its history and what refers to it.</summary>
    public static RouteHandlerBuilder MapArchive<T>(this RouteGroupBuilder g, string code, params string[] roles)
        where T : Entity, IArchivable =>
        g.MapPost(
                "/{id:guid}/archive",
                async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
                {
                    var e = await db.Set<T>().FirstOrDefaultAsync(x => x.Id == id, ct);
                    if (e is null)
                        return TypedResults.NotFound();
                    e.Archive(code, clock.GetUtcNow());
                    await db.SaveChangesAsync(ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(roles)
            .WithSummary("Archive: leaves the lists, keeps its history and what refers to it");

    /// <summary>GET …/export?format=xlsx|csv with the list's own filters, as the caller sees it (masked fields stay masked).</summary>
    public static async Task<IResult> ExportAsync<T>(
        IQueryable<T> query,
        string? format,
        string baseZh,
        string baseEn,
        IReadOnlyList<Column<T>> columns,
        CancellationToken ct,
        Func<List<T>, Task<List<T>>>? enrich = null
    )
    {
        if (!TableFile.TryFormat(format, out var f))
            throw ValidationException.For("format", "格式应为 xlsx 或 csv", "format must be xlsx or csv");
        var rows = await query.Take(TableFile.MaxRows).ToListAsync(ct);
        if (enrich is not null)
            rows = await enrich(rows);
        return TableFile.Result(
            f,
            Loc.T(baseZh, baseEn),
            new TableSheet(
                Loc.T(baseZh, baseEn),
                [.. columns.Select(c => Loc.T(c.Zh, c.En))],
                rows.Select(r => (IReadOnlyList<string?>)[.. columns.Select(c => c.Cell(r))])
            )
        );
    }

    /// <summary>A decimal as the exports write it: up to two places, no trailing zeros.</summary>
    public static string Num(decimal? d) => d?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
