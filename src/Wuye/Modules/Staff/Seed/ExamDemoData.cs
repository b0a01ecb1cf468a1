using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// For every project: the engineering team's 应知应会 bank (single, multiple and true/false questions, drawn from the complaint
/// reply scripts and repair rules) and its monthly exam, required of the project's staff. Those without an account sat it a
/// week ago (answers drawn, graded by the exam's own rules); the people with accounts (the demo technician, steward…) still
/// have it to take: the line on their to-do list.
/// </summary>
internal sealed class ExamDemoData(TimeProvider clock) : IDemoDataContributor
{
    public int Order => 62;

    private static readonly (QuestionKind Kind, string Text, string[] Options, int[] Correct)[] Questions =
    [
        (QuestionKind.Single, "业主电话报修，客服受理后应在多长时间内派单？", ["5 分钟内", "30 分钟内", "当天内", "次日"], [0]),
        (
            QuestionKind.Single,
            "维修人员到达现场后首先应当做什么？",
            ["直接开始维修", "出示工作证并说明来意", "先收取费用", "拍照后离开"],
            [1]
        ),
        (QuestionKind.Multiple, "进入配电间作业前必须做到哪些？", ["持有效电工作业证", "断电并挂牌", "两人以上作业", "穿拖鞋"], [0, 1, 2]),
        (
            QuestionKind.Multiple,
            "业主投诉时，首问责任人应当：",
            ["耐心倾听并记录", "推给其他部门", "告知处理时限", "跟踪直至回访"],
            [0, 2, 3]
        ),
        (QuestionKind.TrueFalse, "未取得特种作业证书的员工可以在有人监护时独立进行高压电工作业。", [], [1]),
        (QuestionKind.TrueFalse, "维修完成后应清理现场并请业主确认。", [], [0]),
        (QuestionKind.Single, "消防控制室值班人员每班至少几人？", ["1 人", "2 人", "3 人", "不限"], [1]),
        (QuestionKind.TrueFalse, "投诉回复口径可由个人随意发挥，无须统一。", [], [1]),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var rng = context.Random;
        var now = clock.GetUtcNow();
        var projects = await db.ProjectRefs()
            .AsNoTracking()
            .OrderBy(p => p.CompanyId)
            .ThenBy(p => p.Name)
            .ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.CompanyId })
            .ToListAsync(ct);
        var staff = await db.StaffRefs()
            .AsNoTracking()
            .Where(s => s.ProjectId != null && s.ArchivedAt == null)
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                ProjectId = s.ProjectId!.Value,
                s.Name,
                s.UserId,
            })
            .ToListAsync(ct);
        foreach (var project in projects)
        {
            var people = staff.Where(s => s.ProjectId == project.Id).ToList();
            if (people.Count == 0)
                continue;
            var bank = new QuestionBank
            {
                CompanyId = project.CompanyId,
                ProjectId = project.Id,
                Title = "工程部应知应会（含投诉回复口径）",
                Topic = TrainingTopic.Professional,
            };
            db.Add(bank);
            var questions = Questions.Select(q => bank.Add(q.Kind, q.Text, q.Options, q.Correct)).ToList();
            db.AddRange(questions);
            var exam = Exam.Create(
                project.CompanyId,
                project.Id,
                "应知应会月度考试",
                TrainingTopic.Professional,
                [bank.Id],
                5,
                questions.Count,
                80m,
                15,
                3
            );
            db.Add(exam);
            foreach (var person in people.Where(p => p.UserId != null).Concat(people.Where(p => p.UserId == null).Take(10)))
            {
                var assignment = new ExamAssignment
                {
                    CompanyId = project.CompanyId,
                    ProjectId = project.Id,
                    ExamId = exam.Id,
                    StaffMemberId = person.Id,
                    UserId = person.UserId,
                    PersonName = person.Name,
                };
                db.Add(assignment);
                if (person.UserId is not null)
                    continue;
                // Sat a week ago: five questions drawn, each answered right four times in five.
                var started = now.AddDays(-7);
                var drawn = questions.OrderBy(_ => rng.Next()).Take(exam.QuestionCount).ToList();
                var attempt = assignment.Start(exam, [.. drawn.Select(q => q.Id)], started);
                var answers = drawn.ToDictionary(
                    q => q.Id,
                    q => rng.Next(0, 5) > 0 ? ExamIndexes(q.Correct) : [(ExamIndexes(q.Correct)[0] + 1) % q.Options.Length]
                );
                attempt.Submit(exam, questions.ToDictionary(q => q.Id), answers, started.AddMinutes(rng.Next(5, 14)));
                assignment.Record(attempt);
                db.Add(attempt);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static int[] ExamIndexes(int mask) => [.. Enumerable.Range(0, Question.MaxOptions).Where(i => (mask & (1 << i)) != 0)];
}
