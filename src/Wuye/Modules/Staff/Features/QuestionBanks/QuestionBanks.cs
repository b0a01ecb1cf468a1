using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Modules.Staff.Features.Shared;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.Staff.Features.QuestionBanks;

internal sealed record BankInput(Guid? ProjectId, string? Title, TrainingTopic? Topic) : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("projectId", ProjectId, "项目", "Project")
            .Required("title", Title, "题库名称", "Bank title")
            .MaxLength("title", Title, 100, "题库名称", "Bank title")
            .Required("topic", Topic, "类别", "Topic");
}

internal sealed record QuestionInput(QuestionKind? Kind, string? Text, string[]? Options, int[]? Correct, string? ReferenceAnswer = null)
    : IValidatable
{
    public void Validate(Validator v) =>
        v.Required("kind", Kind, "题型", "Question kind")
            .Required("text", Text, "题干", "Question")
            .MaxLength("text", Text, 500, "题干", "Question")
            .MaxLength("referenceAnswer", ReferenceAnswer, 1000, "参考答案", "Reference answer");
}

/// <summary>
/// 题库: GET/POST /question-banks, GET /question-banks/{id} (with the current questions and their answers), POST …/questions,
/// PUT/DELETE …/questions/{questionId} (a new version of the bank: the old row retires, attempts keep what they drew).
/// </summary>
internal sealed class QuestionBanksHandler(WuyeDb db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/question-banks").WithTags("Staff");
        g.MapGet("/", async (WuyeDb db, Guid? projectId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var q = db.Set<QuestionBank>().AsNoTracking();
                if (projectId is { } p)
                    q = q.Where(b => b.ProjectId == p);
                var paged = await q.OrderBy(b => b.Title).ThenBy(b => b.Id).ToPagedAsync(page, pageSize, ct);
                return TypedResults.Ok(
                    new Paged<BankDto>(await ExamViews.BanksAsync(db, paged.Items, false, ct), paged.Page, paged.PageSize, paged.Total)
                );
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Question banks, by title, with their question counts");
        g.MapGet("/{id:guid}", async Task<Results<Ok<BankDto>, NotFound>> (WuyeDb db, Guid id, CancellationToken ct) =>
                await db.Set<QuestionBank>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct) is { } b
                    ? TypedResults.Ok((await ExamViews.BanksAsync(db, [b], true, ct))[0])
                    : TypedResults.NotFound()
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("One question bank with its questions and their right answers");
        g.MapPost("/", async Task<Created<BankDto>> (QuestionBanksHandler h, BankInput body, CancellationToken ct) =>
            {
                var dto = await h.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/question-banks/{dto.Id}", dto);
            })
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Open a question bank of a project");
        g.MapPost(
                "/{id:guid}/questions",
                async Task<Ok<QuestionDto>> (QuestionBanksHandler h, Guid id, QuestionInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.AddQuestionAsync(id, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Add a single-choice, multiple-choice, true/false or open question (with its reference answer) to a bank");
        g.MapPut(
                "/{id:guid}/questions/{questionId:guid}",
                async Task<Ok<QuestionDto>> (QuestionBanksHandler h, Guid id, Guid questionId, QuestionInput body, CancellationToken ct) =>
                    TypedResults.Ok(await h.EditQuestionAsync(id, questionId, body, ct))
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Edit a question: a new version of the bank (the old question retires; attempts keep what they drew)");
        g.MapDelete(
                "/{id:guid}/questions/{questionId:guid}",
                async Task<NoContent> (QuestionBanksHandler h, Guid id, Guid questionId, CancellationToken ct) =>
                {
                    await h.RemoveQuestionAsync(id, questionId, ct);
                    return TypedResults.NoContent();
                }
            )
            .RequireRoles(StaffRoles.Keepers)
            .WithSummary("Remove a question: a new version of the bank (attempts drawn with it keep it)");
    }

    public async Task<BankDto> CreateAsync(BankInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var project = await db.ProjectRefs()
            .AsNoTracking()
            .Where(p => p.Id == input.ProjectId)
            .Select(p => new { p.Id, p.CompanyId })
            .FirstOrDefaultAsync(ct);
        if (project is null || !db.Scope.CanWrite(project.CompanyId, project.Id, null, null))
            throw ValidationException.For("projectId", "项目不存在或无权访问", "Project not found, or not yours");
        var bank = new QuestionBank
        {
            CompanyId = project.CompanyId,
            ProjectId = project.Id,
            Title = input.Title!.Trim(),
            Topic = input.Topic!.Value,
        };
        db.Add(bank);
        await db.SaveChangesAsync(ct);
        return (await ExamViews.BanksAsync(db, [bank], true, ct))[0];
    }

    public async Task<QuestionDto> AddQuestionAsync(Guid bankId, QuestionInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var bank = await db.Set<QuestionBank>().FirstOrDefaultAsync(b => b.Id == bankId, ct)
            ?? throw new NotFoundException("question bank");
        var question = bank.Add(input.Kind!.Value, input.Text!, input.Options, input.Correct, input.ReferenceAnswer);
        db.Add(question);
        await db.SaveChangesAsync(ct);
        return ExamViews.Dto(question);
    }

    private async Task<(QuestionBank Bank, Question Question)> FindAsync(Guid bankId, Guid questionId, CancellationToken ct)
    {
        var bank = await db.Set<QuestionBank>().FirstOrDefaultAsync(b => b.Id == bankId, ct)
            ?? throw new NotFoundException("question bank");
        if (!db.Scope.CanWrite(bank.CompanyId, bank.ProjectId, null, null))
            throw new ForbiddenException("无权修改该题库", "You may not change this bank");
        var question = await db.Set<Question>().FirstOrDefaultAsync(q => q.Id == questionId && q.BankId == bank.Id, ct)
            ?? throw new NotFoundException("question");
        return (bank, question);
    }

    public async Task<QuestionDto> EditQuestionAsync(Guid bankId, Guid questionId, QuestionInput input, CancellationToken ct)
    {
        Validator.Check(input);
        var (bank, old) = await FindAsync(bankId, questionId, ct);
        var fresh = bank.Edit(old, input.Kind!.Value, input.Text!, input.Options, input.Correct, input.ReferenceAnswer, clock.GetUtcNow());
        db.Add(fresh);
        await db.SaveChangesAsync(ct);
        return ExamViews.Dto(fresh);
    }

    public async Task RemoveQuestionAsync(Guid bankId, Guid questionId, CancellationToken ct)
    {
        var (bank, question) = await FindAsync(bankId, questionId, ct);
        bank.Remove(question, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
