using Microsoft.EntityFrameworkCore;
using Wuye.Modules.CustomerCare.Domain;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Notifications;
using Wuye.Platform.Web;

namespace Wuye.Modules.CustomerCare.Features.Surveys;

/// <summary>
/// The questionnaire builder: a draft survey of a project gets its questions, then is opened — a random share of the
/// project's lived-in households (an owner or tenant living there) is sampled, one response each, and their accounts are asked
/// through the outbox (the <c>survey</c> message); households without an account are interviewed by phone.
/// </summary>
internal sealed class SurveyBuilder(WuyeDb db, TimeProvider clock, Notifier notifier, UserNames names)
{
    /// <summary>Surveys the reader's places hold (staff; owners see theirs through <see cref="MineAsync"/>).</summary>
    public IQueryable<SurveyDto> List(Guid? projectId, SurveyStatus? status)
    {
        var q = db.Set<Survey>().AsNoTracking();
        if (projectId is { } p)
            q = q.Where(s => s.ProjectId == p);
        if (status is { } st)
            q = q.Where(s => s.Status == st);
        return Dtos(
            q.OrderBy(s =>
                    s.Status == SurveyStatus.Open ? 0
                    : s.Status == SurveyStatus.Draft ? 1
                    : 2
                )
                .ThenByDescending(s => s.CreatedAt)
                .ThenBy(s => s.Id)
        );
    }

    /// <summary>The surveys with the answers the reader may see counted (a steward: their zones').</summary>
    public IQueryable<SurveyDto> Dtos(IQueryable<Survey> q)
    {
        var answered = db.Set<SurveyResponse>().Where(r => r.AnsweredAt != null);
        return q.Select(s => new SurveyDto(
            s.Id,
            s.ProjectId,
            s.Title,
            s.Intro,
            s.Status,
            "",
            s.SamplePercent,
            s.Sampled,
            answered.Count(r => r.SurveyId == s.Id),
            s.OpenedAt,
            s.ClosedAt,
            s.CreatedByName
        ));
    }

    public static SurveyDto Named(SurveyDto s) => s with { StatusName = SurveyText.StatusName(s.Status) };

    /// <summary>A survey with its questions, for staff of its project or an owner whose home was sampled.</summary>
    public async Task<SurveyDetailDto> DetailAsync(Guid id, CancellationToken ct)
    {
        // Owners may not read project-wide rows: a sampled home opens its survey (read alone, the filter lifted for it).
        var sampled = await db.Set<SurveyResponse>().AnyAsync(r => r.SurveyId == id, ct);
        var staff = await Dtos(db.Set<Survey>().AsNoTracking().Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        var survey = staff
            ?? (
                sampled
                    ? await db.Set<Survey>()
                        .IgnoreQueryFilters()
                        .AsNoTracking()
                        .Where(s => s.Id == id)
                        .Select(s => new SurveyDto(
                            s.Id,
                            s.ProjectId,
                            s.Title,
                            s.Intro,
                            s.Status,
                            "",
                            s.SamplePercent,
                            s.Sampled,
                            0,
                            s.OpenedAt,
                            s.ClosedAt,
                            s.CreatedByName
                        ))
                        .FirstOrDefaultAsync(ct)
                    : null
            )
            ?? throw new NotFoundException("survey");
        var questions = await db.Set<SurveyQuestion>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(x => x.SurveyId == id)
            .OrderBy(x => x.Position)
            .ThenBy(x => x.Id)
            .Select(x => new QuestionDto(x.Id, x.Position, x.Kind, "", x.Text, x.Dimension, x.Options))
            .ToListAsync(ct);
        return new(Named(survey), [.. questions.Select(x => x with { KindName = SurveyText.KindName(x.Kind) })]);
    }

    /// <summary>The sampled households the reader may see (a steward: their zones'), unanswered first.</summary>
    public IQueryable<SampledHouseholdDto> Households(Guid surveyId, bool? answered, Guid? responseId = null, Guid? unitId = null)
    {
        var q = db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == surveyId);
        if (responseId is { } one)
            q = q.Where(r => r.Id == one);
        if (unitId is { } u)
            q = q.Where(r => r.UnitId == u);
        if (answered is { } a)
            q = q.Where(r => (r.AnsweredAt != null) == a);
        var labels = db.UnitLabels();
        return q.OrderBy(r => r.AnsweredAt != null)
            .ThenBy(r => labels.Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefault())
            .ThenBy(r => r.Id)
            .Select(r => new SampledHouseholdDto(
                r.Id,
                r.UnitId,
                labels.Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                r.AnsweredAt,
                r.Channel,
                r.AnsweredByName
            ));
    }

    /// <summary>The owner's questionnaires: open surveys their homes were sampled for, and the ones they answered.</summary>
    public async Task<List<MySurveyDto>> MineAsync(CancellationToken ct)
    {
        var labels = db.UnitLabels();
        var responses = await db.Set<SurveyResponse>()
            .AsNoTracking()
            .OrderByDescending(r => r.CreatedAt)
            .ThenBy(r => r.Id)
            .Take(200)
            .Select(r => new
            {
                r.SurveyId,
                r.UnitId,
                Label = labels.Where(l => l.Id == r.UnitId).Select(l => l.Label).FirstOrDefault() ?? "",
                r.AnsweredAt,
            })
            .ToListAsync(ct);
        var ids = responses.Select(r => r.SurveyId).Distinct().ToList();
        // Read alone, the filter lifted: only the surveys the owner's own homes were sampled for.
        var surveys = await db.Set<Survey>()
            .IgnoreQueryFilters()
            .AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.Status,
                s.OpenedAt,
            })
            .ToDictionaryAsync(s => s.Id, ct);
        return
        [
            .. responses
                .Where(r => surveys[r.SurveyId].Status == SurveyStatus.Open || r.AnsweredAt != null)
                .OrderBy(r => r.AnsweredAt != null)
                .ThenByDescending(r => surveys[r.SurveyId].OpenedAt)
                .Take(50)
                .Select(r => new MySurveyDto(
                    r.SurveyId,
                    surveys[r.SurveyId].Title,
                    surveys[r.SurveyId].Status,
                    r.UnitId,
                    r.Label,
                    r.AnsweredAt
                )),
        ];
    }

    public async Task<Guid> CreateAsync(NewSurvey input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId && p.ArchivedAt == null)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct)
            ?? throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var survey = new Survey
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Title = input.Title!.Trim(),
            Intro = string.IsNullOrWhiteSpace(input.Intro) ? null : input.Intro.Trim(),
            Status = SurveyStatus.Draft,
            SamplePercent = input.SamplePercent!.Value,
            CreatedByName = (db.Scope.UserId is { } me ? await names.NameAsync(me, ct) : null) ?? Loc.T("系统", "System"),
        };
        db.Add(survey);
        await db.SaveChangesAsync(ct);
        return survey.Id;
    }

    private async Task<Survey> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<Survey>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("survey");

    /// <summary>Samples the households, asks their accounts, and opens the survey; returns how many were sampled.</summary>
    public async Task<int> OpenAsync(Guid surveyId, CancellationToken ct)
    {
        var survey = await FindAsync(surveyId, ct);
        if (survey.Status != SurveyStatus.Draft)
            throw new RuleException("survey.not_draft", "问卷已发出", "The survey has already gone out");
        if (!await db.Set<SurveyQuestion>().AnyAsync(x => x.SurveyId == surveyId && x.Kind != QuestionKind.Text, ct))
            throw new RuleException("survey.empty", "问卷至少要有一道评分或选择题", "The survey needs a scored or choice question");
        var today = ChinaTime.Today(clock);
        var lived = await db.OccupantRefs()
            .AsNoTracking()
            .Where(o =>
                o.ProjectId == survey.ProjectId
                && o.Relation != OccupantRelation.Family
                && (o.Since == null || o.Since <= today)
                && (o.Until == null || o.Until >= today)
            )
            .Join(db.UnitRefs().Where(u => u.ArchivedAt == null), o => o.UnitId, u => u.Id, (o, u) => new { u.Id, u.ZoneId })
            .Distinct()
            .OrderBy(u => u.Id)
            .ToListAsync(ct);
        var rng = new Random(BitConverter.ToInt32(survey.Id.ToByteArray(), 12));
        var take = Math.Max(1, (int)Math.Ceiling(lived.Count * survey.SamplePercent / 100m));
        var sample = lived.OrderBy(_ => rng.Next()).Take(take).ToList();
        if (sample.Count == 0)
            throw new RuleException("survey.no_households", "项目没有在住的住户可抽样", "The project has no lived-in households to sample");
        foreach (var u in sample)
            db.Add(
                new SurveyResponse
                {
                    CompanyId = survey.CompanyId,
                    ProjectId = survey.ProjectId,
                    ZoneId = u.ZoneId,
                    UnitId = u.Id,
                    SurveyId = survey.Id,
                }
            );
        var now = clock.GetUtcNow();
        survey.Status = SurveyStatus.Open;
        survey.Sampled = sample.Count;
        survey.OpenedAt = now;
        var units = sample.Select(u => u.Id).ToList();
        var users = await db.OccupantRefs()
            .Where(o => units.Contains(o.UnitId) && o.Relation != OccupantRelation.Family && (o.Until == null || o.Until >= today))
            .Join(db.PersonRefs().Where(p => p.UserId != null), o => o.PersonId, p => p.Id, (o, p) => p.UserId!.Value)
            .Distinct()
            .ToListAsync(ct);
        await notifier.SendAsync(
            users,
            survey.CompanyId,
            new Message(
                "survey",
                new Dictionary<string, string> { ["title"] = survey.Title },
                $"/portal/surveys/{survey.Id}",
                $"survey:{survey.Id:N}"
            ),
            ct
        );
        await db.SaveChangesAsync(ct);
        return sample.Count;
    }

    public async Task CloseAsync(Guid surveyId, CancellationToken ct)
    {
        var survey = await FindAsync(surveyId, ct);
        if (survey.Status != SurveyStatus.Open)
            throw new RuleException("survey.not_open", "问卷不在进行中", "The survey is not open");
        survey.Status = SurveyStatus.Closed;
        survey.ClosedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
