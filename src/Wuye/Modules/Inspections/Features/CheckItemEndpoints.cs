using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Inspections.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Inspections.Features;

public sealed record CheckItemDto(Guid Id, Guid CompanyId, string Code, string Area, string AreaName, string Description, string? Method,
    string? Sampling, decimal PointsPerDeduction, string Frequency, string FrequencyName, int Revision, bool Retired, uint Version);

public sealed record CheckItemRevisionDto(int Revision, string Code, string Area, string Description, string? Method, string? Sampling,
    decimal PointsPerDeduction, string Frequency, DateTimeOffset At);

/// <summary>Area and frequency arrive as text so that an unknown one gets a message naming the known ones, not a bare binding error.</summary>
public sealed record CheckItemInput(Guid? CompanyId, string? Code, string? Area, string? Description, string? Method, string? Sampling,
    decimal? PointsPerDeduction, string? Frequency) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("code", Code, "编码", "Code").MaxLength("code", Code, 30, "编码", "Code")
         .Required("description", Description, "核查内容", "Description").MaxLength("description", Description, 500, "核查内容", "Description")
         .MaxLength("method", Method, 300, "核查方法", "Method").MaxLength("sampling", Sampling, 300, "抽样要求", "Sampling")
         .Range("pointsPerDeduction", PointsPerDeduction, 0, 100, "每项扣分", "Points per deduction");
        CheckItemRules.Enums(v, "area", Area, "frequency", Frequency);
    }
}

public static class CheckItemRules
{
    public static void Enums(Validator v, string areaField, string? area, string frequencyField, string? frequency)
    {
        if (string.IsNullOrWhiteSpace(area)) v.Add(areaField, "请选择区域", "Area is required");
        else if (!Qpi.TryParse(Qpi.Areas, area, out CheckArea _))
            v.Add(areaField, $"未知的区域“{area}”，可选：{Qpi.Allowed(Qpi.Areas)}", $"Unknown area \"{area}\"; known: {Qpi.Allowed(Qpi.Areas)}");
        if (string.IsNullOrWhiteSpace(frequency)) v.Add(frequencyField, "请选择频次", "Frequency is required");
        else if (!Qpi.TryParse(Qpi.Frequencies, frequency, out CheckFrequency _))
            v.Add(frequencyField, $"标准库中没有“{frequency}”这种频次，可选：{Qpi.Allowed(Qpi.Frequencies)}",
                $"The library knows no frequency \"{frequency}\"; known: {Qpi.Allowed(Qpi.Frequencies)}");
    }

    public static void Apply(CheckItem item, CheckItemInput body)
    {
        item.Code = body.Code!.Trim();
        Qpi.TryParse(Qpi.Areas, body.Area, out CheckArea area);
        Qpi.TryParse(Qpi.Frequencies, body.Frequency, out CheckFrequency frequency);
        item.Area = area;
        item.Frequency = frequency;
        item.Description = body.Description!.Trim();
        item.Method = string.IsNullOrWhiteSpace(body.Method) ? null : body.Method.Trim();
        item.Sampling = string.IsNullOrWhiteSpace(body.Sampling) ? null : body.Sampling.Trim();
        item.PointsPerDeduction = body.PointsPerDeduction ?? 0;
    }

    public static CheckItemRevision Snapshot(CheckItem i) => new()
    {
        CompanyId = i.CompanyId, CheckItemId = i.Id, Revision = i.Revision, Code = i.Code, Area = i.Area, Description = i.Description,
        Method = i.Method, Sampling = i.Sampling, PointsPerDeduction = i.PointsPerDeduction, Frequency = i.Frequency,
    };

    public static CheckItemDto ToDto(CheckItem i) => new(i.Id, i.CompanyId, i.Code, Qpi.Code(Qpi.Areas, i.Area), Qpi.Name(Qpi.Areas, i.Area),
        i.Description, i.Method, i.Sampling, i.PointsPerDeduction, Qpi.Code(Qpi.Frequencies, i.Frequency), Qpi.Name(Qpi.Frequencies, i.Frequency),
        i.Revision, i.RetiredAt != null, i.Version);
}

internal static class CheckItemEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/check-items").WithTags("Inspections");

        g.MapGet("/", async (WuyeDb db, string? q, string? area, string? frequency, bool? retired, int? page, int? pageSize, CancellationToken ct) =>
        {
            var query = db.Set<CheckItem>().AsNoTracking().Where(i => (i.RetiredAt != null) == (retired ?? false));
            if (!string.IsNullOrWhiteSpace(q)) query = query.Where(i => i.Code.Contains(q.Trim()) || i.Description.Contains(q.Trim()));
            if (area is not null)
            {
                if (!Qpi.TryParse(Qpi.Areas, area, out CheckArea a)) throw Qpi.Invalid("area", $"未知的区域“{area}”", $"Unknown area \"{area}\"");
                query = query.Where(i => i.Area == a);
            }
            if (frequency is not null)
            {
                if (!Qpi.TryParse(Qpi.Frequencies, frequency, out CheckFrequency f))
                    throw Qpi.Invalid("frequency", $"标准库中没有“{frequency}”这种频次", $"The library knows no frequency \"{frequency}\"");
                query = query.Where(i => i.Frequency == f);
            }
            var paged = await query.OrderBy(i => i.Code).ToPagedAsync(page, pageSize, ct);
            return TypedResults.Ok(new Paged<CheckItemDto>([.. paged.Items.Select(CheckItemRules.ToDto)], paged.Page, paged.PageSize, paged.Total));
        }).WithSummary("The standards library (核查标准)");

        g.MapGet("/{id:guid}", async Task<Results<Ok<CheckItemDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
            await db.Set<CheckItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } i ? TypedResults.Ok(CheckItemRules.ToDto(i)) : TypedResults.NotFound())
            .WithSummary("One check item");

        g.MapGet("/{id:guid}/revisions", async Task<Results<Ok<List<CheckItemRevisionDto>>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
        {
            if (!await db.Set<CheckItem>().AnyAsync(i => i.Id == id, ct)) return TypedResults.NotFound();
            var revisions = await db.Set<CheckItemRevision>().AsNoTracking().Where(r => r.CheckItemId == id).OrderByDescending(r => r.Revision).ToListAsync(ct);
            return TypedResults.Ok(revisions.Select(r => new CheckItemRevisionDto(r.Revision, r.Code, Qpi.Code(Qpi.Areas, r.Area), r.Description, r.Method,
                r.Sampling, r.PointsPerDeduction, Qpi.Code(Qpi.Frequencies, r.Frequency), r.CreatedAt)).ToList());
        }).WithSummary("Every wording a check item has had");

        g.MapPost("/", async Task<Created<CheckItemDto>> (WuyeDb db, CheckItemInput body, CancellationToken ct) =>
        {
            var companyId = Qpi.ActingCompany(db, body.CompanyId);
            var code = body.Code!.Trim();
            if (await db.Set<CheckItem>().AnyAsync(i => i.CompanyId == companyId && i.Code == code, ct))
                throw new RuleException("check_item.duplicate_code", $"标准库中已有编码“{code}”", $"The library already has code \"{code}\"");
            var item = new CheckItem { CompanyId = companyId, Code = code, Description = "" };
            CheckItemRules.Apply(item, body);
            db.Add(item);
            db.Add(CheckItemRules.Snapshot(item));
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/v1/check-items/{item.Id}", CheckItemRules.ToDto(item));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Add a check item");

        g.MapPut("/{id:guid}", async Task<Results<Ok<CheckItemDto>, NotFound>> (WuyeDb db, Guid id, CheckItemInput body, CancellationToken ct) =>
        {
            var item = await db.Set<CheckItem>().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (item is null) return TypedResults.NotFound();
            var code = body.Code!.Trim();
            if (await db.Set<CheckItem>().AnyAsync(i => i.CompanyId == item.CompanyId && i.Code == code && i.Id != id, ct))
                throw new RuleException("check_item.duplicate_code", $"标准库中已有编码“{code}”", $"The library already has code \"{code}\"");
            CheckItemRules.Apply(item, body);
            // A new wording is a new revision; results keep the revision they were checked against.
            item.Revision++;
            db.Add(CheckItemRules.Snapshot(item));
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(CheckItemRules.ToDto(item));
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Revise a check item (a new revision)");

        g.MapDelete("/{id:guid}", async Task<Results<NoContent, NotFound>> (WuyeDb db, TimeProvider clock, Guid id, CancellationToken ct) =>
        {
            var item = await db.Set<CheckItem>().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (item is null) return TypedResults.NotFound();
            // Retired, not deleted: past results and plans still point at it.
            item.RetiredAt ??= clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequireRoles(Roles.QualityInspector, Roles.CompanyManager).WithSummary("Retire a check item");

        g.MapPost("/import", async Task<Ok<CheckItemImport.Outcome>> (WuyeDb db, IFormFile? file, Guid? companyId, CancellationToken ct) =>
        {
            if (file is null) throw Qpi.Invalid("file", "请选择 .xlsx 文件", "Choose an .xlsx file");
            var company = Qpi.ActingCompany(db, companyId);
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await CheckItemImport.RunAsync(db, company, stream, ct));
        }).DisableAntiforgery().RequireRoles(Roles.QualityInspector, Roles.CompanyManager)
          .WithSummary("Import check items from .xlsx (编码, 区域, 核查内容, 核查方法, 抽样要求, 每项扣分, 频次); all rows or none");
    }
}
