using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.CloseRatingPeriod;
using Wuye.Modules.Regulation.Features.ComputeFigureConduct;
using Wuye.Modules.Regulation.Features.DecideObjection;
using Wuye.Modules.Regulation.Features.ListConductRecords;
using Wuye.Modules.Regulation.Features.ObjectToConduct;
using Wuye.Modules.Regulation.Features.RecordConduct;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Files;
using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Pages;

/// <summary>
/// 信用评价: for the regulator, its table, each company's standing today and the conduct records with a form to add one and
/// objections to decide; for a company's managers, the records about their company and an objection form while the window is open.
/// </summary>
internal sealed class CreditModel(WuyeDb db, ScopeAccessor access, TimeProvider clock, ConductReads reads) : PageModel
{
    public CreditRatingTable? Table { get; private set; }
    public List<CreditStanding> Standings { get; private set; } = [];
    public List<ConductRecordDto> Records { get; private set; } = [];
    public bool IsRegulator { get; private set; }
    public bool MayObject { get; private set; }
    public string? Error { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>Published ratings: for the regulator its latest closed period; for a company its history of grades.</summary>
    public List<CreditRatingDto> Ratings { get; private set; } = [];

    /// <summary>The period the close form offers: the last one ended that is not closed yet.</summary>
    public string? ClosablePeriod { get; private set; }

    /// <summary>The table's items scored from the companies' figures, and the period the compute form offers (the last ended).</summary>
    public List<CreditItem> FigureItems { get; private set; } = [];
    public string? FiguresPeriod { get; private set; }

    /// <summary>Why the close is not offered yet (figures not scored, or their records still open to objection), or null.</summary>
    public Text? CloseWaits { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!RegulationRoles.MayRead(db.Scope))
            return false;
        Today = ChinaTime.Today(clock);
        IsRegulator = db.Scope.Regulators.Length == 1 && db.Scope.HasRole(Roles.Regulator);
        MayObject = RegulationRoles.MayAnswer(db.Scope);
        if (IsRegulator)
        {
            Table = await RegulatorTables.CurrentAsync(db, db.Scope.Regulators[0], ct);
            if (Table is not null)
            {
                Standings = await CreditStandings.RankAsync(db, Table, Today, Today, ct);
                var last = RatingPeriod.LastEnded(Table.Period, Today).Code;
                ClosablePeriod = await db.Set<CreditRating>().AnyAsync(r => r.Period == last, ct) ? null : last;
                FigureItems = [.. Table.Items.Where(i => i.Figure is not null)];
                FiguresPeriod = ClosablePeriod;
                if (ClosablePeriod is not null)
                    CloseWaits = (await FigureReadiness.BlockAsync(db, Table, RatingPeriod.Parse(last)!, Today, ct))?.Text;
            }
            var latest = await db.Set<CreditRating>().MaxAsync(r => (DateOnly?)r.PeriodEnd, ct);
            Ratings = latest is null ? [] : await RatingsAsync(db.Set<CreditRating>().Where(r => r.PeriodEnd == latest), ct);
        }
        else
            Ratings = await RatingsAsync(db.Set<CreditRating>().OrderByDescending(r => r.PeriodEnd).ThenBy(r => r.Id).Take(40), ct);
        Records = await reads.ToDtosAsync(ListConductRecordsEndpoints.Query(db, null, null).Take(100), ct);
        Records = [.. Records.OrderByDescending(r => r.OccurredOn).ThenByDescending(r => r.Id)];
        return true;
    }

    public async Task<IActionResult> OnPostRecordAsync(
        Guid? companyId,
        string? itemCode,
        decimal? points,
        DateOnly? occurredOn,
        string? evidence,
        List<IFormFile>? photos,
        [FromServices] RecordConductHandler handler,
        [FromServices] FileStore files,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        var input = new RecordConductInput(companyId, null, itemCode, points, occurredOn, evidence, ConductSource.Inspection);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                // A regulator adds files and never deletes one: the photos are stored only once the record passed every rule and
                // every photo passed its check, so a refused form leaves none behind.
                var (record, place) = await handler.PrepareAsync(db.Scope.Regulators[0], input, null, ct);
                var uploads = photos?.Where(p => p.Length > 0).Take(9).ToList() ?? [];
                foreach (var f in uploads)
                {
                    await using var s = f.OpenReadStream();
                    await files.CheckImageAsync(s, f.Length, ct);
                }
                var stored = new List<Guid>();
                foreach (var f in uploads)
                {
                    await using var s = f.OpenReadStream();
                    stored.Add((await files.SaveImageAsync(s, f.FileName, place.ProjectId, null, ct, place.CompanyId)).Id);
                }
                record.FileIds = [.. stored];
                db.Add(record);
                await db.SaveChangesAsync(ct);
            },
            ct
        );
    }

    private static async Task<List<CreditRatingDto>> RatingsAsync(IQueryable<CreditRating> q, CancellationToken ct) =>
        [
            .. (await q.AsNoTracking().OrderByDescending(r => r.PeriodEnd).ThenBy(r => r.Rank).ThenBy(r => r.Id).ToListAsync(ct)).Select(
                CreditRatingDto.From
            ),
        ];

    public async Task<IActionResult> OnPostCloseAsync(string? period, [FromServices] CloseRatingPeriodHandler handler, CancellationToken ct)
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        var input = new ClosePeriodInput(period, null);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                await handler.CloseAsync(db.Scope.Regulators[0], period, ct);
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostFiguresAsync(
        string? period,
        [FromServices] ComputeFigureConductHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator) || db.Scope.Regulators.Length != 1)
            return Forbid();
        var input = new ComputeFiguresInput(period, null);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                await handler.ComputeAsync(db.Scope.Regulators[0], period, ct);
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostObjectAsync(
        Guid id,
        string? reason,
        List<IFormFile>? photos,
        [FromServices] ObjectToConductHandler handler,
        [FromServices] FileStore files,
        CancellationToken ct
    )
    {
        if (!access.ActAs(RegulationRoles.CompanyAnswerers))
            return Forbid();
        var input = new ObjectionInput(reason, null, (photos?.Count(p => p.Length > 0) ?? 0) > 0 ? [Guid.Empty] : null);
        return await RunAsync(
            async () =>
            {
                Validator.Check(input);
                var company = await db.Set<ConductRecord>().Where(r => r.Id == id).Select(r => (Guid?)r.CompanyId).FirstOrDefaultAsync(ct)
                    ?? throw new NotFoundException("conduct record");
                var stored = new List<Guid>();
                try
                {
                    foreach (var f in photos?.Where(p => p.Length > 0).Take(9) ?? [])
                    {
                        await using var s = f.OpenReadStream();
                        stored.Add((await files.SaveImageAsync(s, f.FileName, null, null, ct, company)).Id);
                    }
                }
                catch
                {
                    await files.DiscardAsync(stored, CancellationToken.None);
                    throw;
                }
                await PageActions.WithPhotosAsync(files, [.. stored], () =>
                    handler.ObjectAsync(id, input with { FileIds = [.. stored] }, ct)
                );
            },
            ct
        );
    }

    public async Task<IActionResult> OnPostDecideAsync(
        Guid id,
        bool accepted,
        string? note,
        [FromServices] DecideObjectionHandler handler,
        CancellationToken ct
    )
    {
        if (!access.ActAs(Roles.Regulator))
            return Forbid();
        return await RunAsync(() => handler.DecideAsync(id, accepted, note, ct), ct);
    }

    private async Task<IActionResult> RunAsync(Func<Task> action, CancellationToken ct)
    {
        Error = await PageActions.TryAsync(ModelState, action);
        if (Error is null)
            return Redirect("/regulation/credit");
        db.ChangeTracker.Clear();
        return await LoadAsync(ct) ? Page() : Forbid();
    }

    public static string Badge(ConductRecordStatus s) =>
        s switch
        {
            ConductRecordStatus.Counts => "bg-green-lt",
            ConductRecordStatus.Objected => "bg-orange-lt",
            ConductRecordStatus.InObjectionWindow => "bg-blue-lt",
            _ => "bg-secondary-lt",
        };
}
