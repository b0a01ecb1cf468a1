using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.FileWithRegulator;

internal sealed record FilingInput(
    FilingKind? Kind,
    Guid? ProjectId,
    string? Title,
    string? Number,
    DateOnly? FiledOn,
    DateOnly? ValidUntil,
    string? Note
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("kind", Kind, "类别", "Kind")
            .Required("title", Title, "名称", "Title")
            .MaxLength("title", Title, 200, "名称", "Title")
            .MaxLength("number", Number, 100, "备案编号", "Number")
            .MaxLength("note", Note, 1000, "备注", "Note");
}

/// <summary>The company's managers record a filing with the regulator (market entry, a project's contract, another); the regulator
/// reads it in the company's file.</summary>
internal sealed class FileWithRegulatorHandler(WuyeDb db, TimeProvider clock)
{
    /// <summary>The company, when the caller manages it; 404 when it is not theirs to see, 403 when they only read it.</summary>
    public static async Task<CompanyRef> ManagedCompanyAsync(WuyeDb db, Guid id, CancellationToken ct)
    {
        var company = await db.CompanyRefs().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ArchivedAt == null, ct)
            ?? throw new NotFoundException("company");
        if (!db.Scope.HasRoleAt([Roles.CompanyManager], id, null, null))
            throw new ForbiddenException("只有本企业的管理层可以维护企业档案", "Only the company's managers keep its file");
        return company;
    }

    public async Task<Guid> FileAsync(Guid companyId, FilingInput body, CancellationToken ct)
    {
        await ManagedCompanyAsync(db, companyId, ct);
        if (body.ProjectId is { } p && !await db.ProjectRefs().AnyAsync(x => x.Id == p && x.CompanyId == companyId, ct))
            throw ValidationException.For("projectId", "项目不属于该企业", "The project is not the company's");
        var today = ChinaTime.Today(clock);
        var filing = CompanyFiling.Create(
            companyId,
            body.ProjectId,
            body.Kind!.Value,
            body.Title!,
            body.Number,
            body.FiledOn ?? today,
            body.ValidUntil,
            body.Note,
            today,
            db.Scope.UserName ?? ""
        );
        db.Add(filing);
        await db.SaveChangesAsync(ct);
        return filing.Id;
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/regulator/companies/{id:guid}/filings",
                async (FileWithRegulatorHandler handler, CompanyFileReads reads, Guid id, FilingInput body, CancellationToken ct) =>
                {
                    await handler.FileAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("The company records a filing with its regulator (market entry, a project's contract, another)");
    }
}
