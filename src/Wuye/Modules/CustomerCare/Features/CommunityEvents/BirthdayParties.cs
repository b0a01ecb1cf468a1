using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.CommunityEvents;

internal sealed record BirthdayInviteeDto(Guid PersonId, string Name, Guid UnitId, string UnitLabel, string Birthday, bool HasAccount);

internal sealed record BirthdayProposalDto(
    Guid ProjectId,
    Guid? ZoneId,
    string Month,
    IReadOnlyList<BirthdayInviteeDto> Invitees,
    Guid? EventId
);

internal sealed record NewBirthdayParty(
    Guid? ProjectId,
    Guid? ZoneId,
    string? Month,
    string? Title,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Place,
    int? Capacity,
    string? Description
) : IValidatable
{
    public void Validate(Validator v)
    {
        v.Required("month", Month, "月份", "Month");
        if (Month is { Length: > 0 } && BirthdayParties.ParseMonth(Month) is null)
            v.Add("month", "月份格式为 yyyy-MM", "The month is yyyy-MM");
    }
}

/// <summary>
/// 业户生日会 (000#79): the care calendar's proposal for a project (or a zone) and month — the residents living there whose birthday
/// (MasterData's, as month and day) falls in the month, except those who refused care messages in their profile — and the party
/// made from it as a community event, whose invitations go to the proposed residents with an account through the events' own
/// path (templated message; quiet hours, preferences and opt-out apply). One party per place and month.
/// </summary>
internal sealed class BirthdayParties(WuyeDb db, TimeProvider clock, CommunityEventWrites writes)
{
    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public async Task<BirthdayProposalDto> ProposeAsync(Guid projectId, Guid? zoneId, DateOnly month, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var m = month.Month;
        var refused = db.Set<PersonProfile>().Where(pp => pp.Consent == false);
        var labels = db.UnitLabels();
        var rows = await db.OccupantRefs()
            .Where(o =>
                o.ProjectId == projectId
                && (zoneId == null || o.ZoneId == zoneId)
                && (o.Since == null || o.Since <= today)
                && (o.Until == null || o.Until >= today)
            )
            .Join(
                db.PersonRefs().Where(p => p.ArchivedAt == null && p.Birthday != null && p.Birthday.Value.Month == m),
                o => o.PersonId,
                p => p.Id,
                (o, p) =>
                    new
                    {
                        p.Id,
                        p.Name,
                        p.UserId,
                        p.Birthday,
                        o.UnitId,
                    }
            )
            .Where(r => !refused.Any(pp => pp.PersonId == r.Id))
            .Select(r => new
            {
                r.Id,
                r.Name,
                r.UserId,
                r.Birthday,
                r.UnitId,
                Label = labels.Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
            })
            .OrderBy(r => r.Id)
            .ThenBy(r => r.UnitId)
            .Take(2000)
            .ToListAsync(ct);
        var invitees = rows.DistinctBy(r => r.Id)
            .OrderBy(r => r.Birthday!.Value.Day)
            .ThenBy(r => r.Label, StringComparer.Ordinal)
            .Select(r => new BirthdayInviteeDto(
                r.Id,
                r.Name,
                r.UnitId,
                r.Label,
                r.Birthday!.Value.ToString("MM-dd", CultureInfo.InvariantCulture),
                r.UserId != null
            ))
            .ToList();
        var party = await db.Set<BirthdayParty>()
            .Where(b => b.ProjectId == projectId && b.Month == month && (zoneId == null || b.ZoneId == zoneId))
            .OrderBy(b => b.ZoneId != null)
            .Select(b => (Guid?)b.EventId)
            .FirstOrDefaultAsync(ct);
        return new(projectId, zoneId, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), invitees, party);
    }

    /// <summary>Makes the month's party from the proposal: the event, its invitations and the party record, in one save.</summary>
    public async Task<Guid> CreateAsync(NewBirthdayParty input, CancellationToken ct)
    {
        Validator.Check(input);
        var month = ParseMonth(input.Month)!.Value;
        var today = ChinaTime.Today(clock);
        if (month < new DateOnly(today.Year, today.Month, 1))
            throw ValidationException.For("month", "不能为已过去的月份办生日会", "The month has gone by");
        if (input.ProjectId is not { } project)
            throw ValidationException.For("projectId", "请选择项目", "Choose the project");
        var proposal = await ProposeAsync(project, input.ZoneId, month, ct);
        if (!proposal.Invitees.Any(i => i.HasAccount))
            throw ValidationException.For("month", "这个月没有可邀请的生日业户", "Nobody with a birthday this month can be invited");
        var title = string.IsNullOrWhiteSpace(input.Title) ? $"{month.Month}月业户生日会" : input.Title;
        var ev = new NewCommunityEvent(
            project,
            input.ZoneId,
            title,
            "生日会",
            [],
            input.StartsAt,
            input.EndsAt,
            input.Place,
            input.Capacity ?? Math.Max(proposal.Invitees.Count * 2, 10),
            input.Description ?? $"为 {month.Month} 月过生日的业户及家人举办的生日会，欢迎报名。"
        );
        return await writes.CreateAsync(ev, ct, new BirthdayParty { Month = month, Proposed = proposal.Invitees.Count });
    }
}
