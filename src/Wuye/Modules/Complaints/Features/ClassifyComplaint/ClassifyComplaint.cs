using Wuye.Modules.Complaints.Domain;
using Wuye.Modules.Complaints.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ClassifyComplaint;

internal sealed record ClassifyInput(
    ComplaintCategory? Category,
    bool? Effective,
    string? IneffectiveReason,
    bool? Vip,
    MajorKind? Major,
    string[]? Departments
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("category", Category, "投诉类别", "Category")
            .Required("effective", Effective, "是否有效", "Effective")
            .MaxLength("ineffectiveReason", IneffectiveReason, 200, "无效原因", "Reason it is not effective");
        if (Effective == false && string.IsNullOrWhiteSpace(IneffectiveReason))
            v.Add("ineffectiveReason", "判定为无效投诉时请写明原因", "Say why the complaint is not effective");
        ComplaintInputs.CheckDepartments(v, Departments);
    }
}

/// <summary>POST /complaints/{id}/classify: category, effective or not (with reason), VIP, major, departments.</summary>
internal sealed class ClassifyComplaintHandler(
    WuyeDb db,
    ComplaintSteps steps,
    ComplaintPromises promises,
    ComplaintEscalator escalator,
    ComplaintDepartments departments
)
{
    public static void Map(RouteGroupBuilder api) =>
        ComplaintApi.MapAction<ClassifyInput, ClassifyComplaintHandler>(
            api,
            "classify",
            (h, id, b, ct) => h.HandleAsync(id, b, ct),
            "Classify: category, effective or not (with reason), VIP, major, departments"
        );

    public async Task HandleAsync(Guid id, ClassifyInput input, CancellationToken ct)
    {
        var (c, actor) = await steps.LoadForHandlerAsync(id, ct);
        var v = new Validator();
        await departments.CheckAsync(v, c.CompanyId, input.Departments, c.Departments, ct);
        v.ThrowIfAny();
        var newlyFlagged = c.Classify(
            input.Category!.Value,
            input.Effective!.Value,
            input.IneffectiveReason,
            input.Vip,
            input.Major,
            input.Departments
        );
        steps.Log(
            c,
            ComplaintEventKind.FollowedUp,
            actor,
            Loc.T(
                $"重新分类：{ComplaintText.CategoryName(c.Category)}，{(c.Effective ? "有效" : "无效：" + c.IneffectiveReason)}",
                $"reclassified: {ComplaintText.CategoryName(c.Category)}, "
                    + $"{(c.Effective ? "effective" : "not effective: " + c.IneffectiveReason)}"
            )
        );
        if (newlyFlagged && (await promises.SettingsAsync(c.CompanyId, c.ProjectId, ct)).ProjectManagerAfterHours == 0)
            await escalator.RaiseAsync(c, 1, actor.Name, Loc.T("VIP/重大投诉即时上报", "VIP or major complaint, reported at once"), ct);
        await db.SaveChangesAsync(ct);
    }
}
