using Microsoft.EntityFrameworkCore;
using Wuye.Modules.Facilities.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.Facilities.Features.VendorStars;

internal sealed record VendorStarInput(Guid? ProjectId, string? Month, Guid? StaffId, string? Reason) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("month", Month, "月份", "Month")
            .Required("staffId", StaffId, "员工", "Employee")
            .Required("reason", Reason, "评选理由", "Reason")
            .MaxLength("reason", Reason, 300, "评选理由", "Reason");
        if (!string.IsNullOrWhiteSpace(Month) && ParseMonth(Month) is null)
            v.Add("month", "月份格式应为 yyyy-MM", "Use yyyy-MM for the month");
    }

    public static DateOnly? ParseMonth(string month) => DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", out var m) ? m : null;
}

internal sealed record VendorStarDto(
    Guid Id,
    Guid ProjectId,
    string Month,
    Guid VendorId,
    string VendorName,
    Guid StaffId,
    string StaffName,
    string Reason,
    string NamedByName
);

/// <summary>The best vendor employee of the month (000#17): named once per project and month from the vendor crews working there.</summary>
internal sealed class VendorStarService(WuyeDb db, TimeProvider clock)
{
    public static VendorStarDto ToDto(VendorStar s) =>
        new(s.Id, s.ProjectId, $"{s.Month:yyyy-MM}", s.VendorId, s.VendorName, s.StaffId, s.StaffName, s.Reason, s.NamedByName);

    /// <summary>Named employees, latest month first (a project, a month, a vendor).</summary>
    public async Task<List<VendorStarDto>> ListAsync(Guid? projectId, DateOnly? month, Guid? vendorId, CancellationToken ct)
    {
        var first = month is { } m ? VendorMeeting.MonthOf(m) : (DateOnly?)null;
        var list = await db.Set<VendorStar>()
            .AsNoTracking()
            .Where(s =>
                (projectId == null || s.ProjectId == projectId)
                && (first == null || s.Month == first)
                && (vendorId == null || s.VendorId == vendorId)
            )
            .OrderByDescending(s => s.Month)
            .ThenBy(s => s.ProjectId)
            .Take(500)
            .ToListAsync(ct);
        return [.. list.Select(ToDto)];
    }

    /// <summary>Names the month's employee: one of the project's vendor crews; a second for the same project and month is refused on
    /// the month.</summary>
    public async Task<VendorStarDto> NameAsync(VendorStarInput body, CancellationToken ct)
    {
        var project = await db.ProjectRefs().AsNoTracking().FirstOrDefaultAsync(p => p.Id == body.ProjectId && p.ArchivedAt == null, ct)
            ?? throw ValidationException.For("projectId", "项目不存在", "Project not found");
        var month = VendorStarInput.ParseMonth(body.Month!)!.Value;
        var staff = await (
            from s in db.StaffRefs()
            join t in db.TeamRefs() on s.TeamId equals t.Id
            where s.Id == body.StaffId && s.ArchivedAt == null && t.ProjectId == project.Id && t.VendorId != null
            select new
            {
                s.Id,
                s.Name,
                VendorId = t.VendorId!.Value,
            }
        ).FirstOrDefaultAsync(ct);
        if (staff is null)
            throw ValidationException.For(
                "staffId",
                "该员工不属于本项目的外包班组",
                "The employee is not in one of the project's vendor crews"
            );
        if (await db.Set<VendorStar>().AnyAsync(s => s.ProjectId == project.Id && s.Month == month, ct))
            throw ValidationException.For(
                "month",
                $"本项目 {month:yyyy-MM} 已评选优秀员工",
                $"The project has already named its employee of {month:yyyy-MM}"
            );
        var vendor = await db.VendorRefs().Where(v => v.Id == staff.VendorId).Select(v => v.Name).FirstOrDefaultAsync(ct) ?? "";
        var user = db.Scope.UserId ?? throw new ForbiddenException("请先登录", "Sign in first");
        var name = await db.Users.Where(u => u.Id == user).Select(u => u.DisplayName ?? u.UserName ?? "").FirstAsync(ct);
        var star = VendorStar.Name(
            project.CompanyId,
            project.Id,
            month,
            staff.VendorId,
            vendor,
            staff.Id,
            staff.Name,
            body.Reason,
            user,
            name,
            ChinaTime.Today(clock)
        );
        db.Add(star);
        await db.SaveChangesAsync(ct);
        return ToDto(star);
    }
}
