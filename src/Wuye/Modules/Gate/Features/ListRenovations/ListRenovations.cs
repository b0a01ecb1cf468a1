using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Gate.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Gate.Features.ListRenovations;

internal sealed record RenovationEventDto(
    string Action,
    RenovationState From,
    RenovationState To,
    string? Note,
    decimal? Amount,
    DateTimeOffset At
);

internal sealed record RenovationDto(
    Guid Id,
    Guid ProjectId,
    Guid UnitId,
    string UnitLabel,
    RenovationState State,
    string Contractor,
    string Scope,
    DateOnly StartDate,
    DateOnly EndDate,
    decimal Deposit,
    decimal Deductions,
    decimal? Refunded,
    string? PermitCode,
    DateTimeOffset AppliedAt,
    Guid[] DrawingIds,
    List<RenovationEventDto> History,
    List<StoredFileDto> Drawings,
    string? AgreementVersion,
    DateTimeOffset? OwnerSignedAt,
    DateTimeOffset? CenterSignedAt,
    Guid? OwnerSignatureId,
    Guid? CenterSignatureId
);

/// <summary>Renovations as the reader may see them (an owner their homes', staff their projects'), each with its history.</summary>
internal static class RenovationReads
{
    public static async Task<List<RenovationDto>> ListAsync(WuyeDb db, IQueryable<Renovation> q, CancellationToken ct)
    {
        var labels = db.UnitLabels();
        var rows = await q.AsNoTracking()
            .Select(r => new { r, Label = labels.Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefault() ?? "" })
            .ToListAsync(ct);
        var ids = rows.Select(x => x.r.Id).ToList();
        var events = (
            await db.Set<RenovationEvent>()
                .AsNoTracking()
                .Where(e => ids.Contains(e.RenovationId))
                .OrderBy(e => e.At)
                .ThenBy(e => e.Id)
                .ToListAsync(ct)
        ).ToLookup(e => e.RenovationId);
        var fileIds = rows.SelectMany(x => x.r.DrawingIds).ToList();
        var files = (
            await db.Set<StoredFile>().AsNoTracking().Where(f => fileIds.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync(ct)
        ).ToDictionary(f => f.Id);
        return
        [
            .. rows.Select(x => new RenovationDto(
                x.r.Id,
                x.r.ProjectId,
                x.r.UnitId,
                x.Label,
                x.r.State,
                x.r.Contractor,
                x.r.Scope,
                x.r.StartDate,
                x.r.EndDate,
                x.r.Deposit,
                x.r.Deductions,
                x.r.Refunded,
                x.r.PermitCode,
                x.r.CreatedAt,
                x.r.DrawingIds,
                [.. events[x.r.Id].Select(e => new RenovationEventDto(e.Action, e.From, e.To, e.Note, e.Amount, e.At))],
                [.. x.r.DrawingIds.Where(files.ContainsKey).Select(d => FileEndpoints.ToDto(files[d]))],
                x.r.AgreementVersion,
                x.r.OwnerSignedAt,
                x.r.CenterSignedAt,
                Signatures(db, x.r) ? x.r.OwnerSignatureId : null,
                Signatures(db, x.r) ? x.r.CenterSignatureId : null
            )),
        ];
    }

    /// <summary>The signature images' ids go only to the home's owner and the service desk (who sign and print the agreement),
    /// never to every reader of the gate (guards, inspectors).</summary>
    private static bool Signatures(WuyeDb db, Renovation r) =>
        db.Scope.IsGlobal || db.Scope.Units.Contains(r.UnitId) || db.Scope.HasRoleAt(GateRoles.Desk, r.CompanyId, r.ProjectId, r.ZoneId);

    public static async Task<RenovationDto> OneAsync(WuyeDb db, Guid id, CancellationToken ct) =>
        (await ListAsync(db, db.Set<Renovation>().Where(r => r.Id == id), ct)).FirstOrDefault()
        ?? throw new NotFoundException("renovation");

    public static void Map(RouteGroupBuilder api)
    {
        string[] anyone = [.. GateRoles.Readers, .. GateRoles.Owners];
        var g = api.MapGroup("/renovations").WithTags("Gate");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, RenovationState? state, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<Renovation>()
                    .Where(r => (projectId == null || r.ProjectId == projectId) && (state == null || r.State == state))
                    .OrderByDescending(r => r.CreatedAt)
                    .ThenBy(r => r.Id);
                var paged = await q.ToPagedAsync(page, pageSize, ct);
                var ids = paged.Items.Select(r => r.Id).ToList();
                var items = await ListAsync(db, q.Where(r => ids.Contains(r.Id)), ct);
                return TypedResults.Ok(new Paged<RenovationDto>(items, paged.Page, paged.PageSize, paged.Total));
            })
            .RequireRoles(anyone)
            .WithSummary("Renovations, newest first, each with its history");
        g.MapGet("/{id:guid}", async (WuyeDb db, Guid id, CancellationToken ct) => TypedResults.Ok(await OneAsync(db, id, ct)))
            .RequireRoles(anyone)
            .WithSummary("One renovation with its history");
    }
}
