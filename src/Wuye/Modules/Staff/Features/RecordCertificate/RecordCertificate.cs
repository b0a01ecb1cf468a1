using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.RecordCertificate;

internal sealed record CertificateInput(
    Guid? StaffMemberId,
    CertificateKind? Kind,
    string? Number,
    string? Issuer,
    DateOnly? IssuedOn,
    DateOnly? ExpiresOn
) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("staffMemberId", StaffMemberId, "持证人", "Holder")
            .Required("kind", Kind, "证书类别", "Certificate kind")
            .Required("number", Number, "证书编号", "Certificate number")
            .MaxLength("number", Number, 50, "证书编号", "Certificate number")
            .MaxLength("issuer", Issuer, 100, "发证机关", "Issuing body")
            .Required("issuedOn", IssuedOn, "发证日期", "Issue date")
            .Required("expiresOn", ExpiresOn, "有效期至", "Valid until");
}

/// <summary>POST /certificates: records a staff member's special-operation certificate.</summary>
internal sealed class RecordCertificateHandler(WuyeDb db, TimeProvider clock, IOptions<StaffOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGroup("/certificates")
            .WithTags("Staff")
            .MapPost(
                "/",
                async Task<Created<CertificateDto>> (RecordCertificateHandler handler, CertificateInput body, CancellationToken ct) =>
                {
                    var dto = await handler.HandleAsync(body, ct);
                    return TypedResults.Created($"/api/v1/certificates/{dto.Id}", dto);
                }
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Record a special-operation certificate of a staff member");

    public async Task<CertificateDto> HandleAsync(CertificateInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.Id == input.StaffMemberId && s.ArchivedAt == null)
            .Select(s => new
            {
                s.Id,
                s.CompanyId,
                s.ProjectId,
                s.Name,
            })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("staffMemberId", "员工不存在或无权管理", "Staff member not found, or not yours");
        if (!db.Scope.CanWrite(staff.CompanyId, staff.ProjectId, null, null))
            throw ValidationException.For("staffMemberId", "员工不存在或无权管理", "Staff member not found, or not yours");
        var today = ChinaTime.Today(clock);
        var certificate = Certificate.Record(
            staff.CompanyId,
            staff.ProjectId,
            staff.Id,
            staff.Name,
            input.Kind!.Value,
            input.Number!,
            input.Issuer,
            input.IssuedOn!.Value,
            input.ExpiresOn!.Value,
            today
        );
        db.Add(certificate);
        await db.SaveChangesAsync(ct);
        return (await CertificateViews.ToDtosAsync(db, [certificate], today, options.Value.CertificateRemindDays, ct))[0];
    }
}
