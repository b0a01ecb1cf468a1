using Wuye.Modules.Regulation.Domain;
using Wuye.Modules.Regulation.Features.FileWithRegulator;
using Wuye.Modules.Regulation.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Regulation.Features.AddCompanyContact;

internal sealed record ContactInput(string? Name, string? Position, string? Phone) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("name", Name, "姓名", "Name")
            .MaxLength("name", Name, 50, "姓名", "Name")
            .Required("position", Position, "职务", "Position")
            .MaxLength("position", Position, 50, "职务", "Position")
            .Required("phone", Phone, "电话", "Phone")
            .Phone("phone", Phone);
}

/// <summary>The company's managers name a contact for the regulator.</summary>
internal sealed class AddCompanyContactHandler(WuyeDb db)
{
    public async Task AddAsync(Guid companyId, ContactInput body, CancellationToken ct)
    {
        await FileWithRegulatorHandler.ManagedCompanyAsync(db, companyId, ct);
        db.Add(
            new CompanyContact
            {
                CompanyId = companyId,
                Name = body.Name!.Trim(),
                Position = body.Position!.Trim(),
                Phone = body.Phone!.Trim(),
            }
        );
        await db.SaveChangesAsync(ct);
    }

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost(
                "/regulator/companies/{id:guid}/contacts",
                async (AddCompanyContactHandler handler, CompanyFileReads reads, Guid id, ContactInput body, CancellationToken ct) =>
                {
                    await handler.AddAsync(id, body, ct);
                    return TypedResults.Ok(await reads.OneAsync(id, ct));
                }
            )
            .WithTags("Regulation")
            .RequireRoles(Roles.CompanyManager)
            .WithSummary("The company names a contact for its regulator");
    }
}
