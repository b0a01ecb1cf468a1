using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Contracts;
using Wuye.Modules.Staff.Domain;
using Wuye.Platform.Demo;

namespace Wuye.Modules.Staff.Seed;

/// <summary>
/// For every project: the engineering team's 应知应会 bank (single, multiple and true/false questions, drawn from the complaint
/// reply scripts and repair rules) and its monthly exam, required of the project's staff. Those without an account sat it a
/// week ago (answers drawn, graded by the exam's own rules); the people with accounts (the demo technician, steward…) still
/// have it to take: the line on their to-do list. And the customer-service 投诉回复口径 bank with open questions (问答, each
/// with its reference answer) and its exam: two people without accounts sat it yesterday — one paper marked by the project
/// manager, one awaiting marking (待阅卷 on the manager's to-do list).
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

    private static readonly (QuestionKind Kind, string Text, string[] Options, int[] Correct, string? Reference)[] ScriptQuestions =
    [
        (QuestionKind.Single, "业主来电投诉噪音扰民，客服首先应：", ["记录并告知处理时限", "让业主自己协商", "直接挂断"], [0], null),
        (
            QuestionKind.Open,
            "业主投诉维修人员迟到，请写出你的回复口径。",
            [],
            [],
            "致歉并说明原因；告知新的上门时间并承诺准时；记录投诉、跟踪至完工回访。"
        ),
        (
            QuestionKind.Open,
            "业主质疑物业费上涨，应如何答复？",
            [],
            [],
            "耐心倾听；说明收费依据与公示文件；告知可查询的渠道与时限；不作超出权限的承诺。"
        ),
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
        var managers = await db
            .RoleAssignments.AsNoTracking()
            .Where(r => r.Role == Wuye.Platform.Identity.Roles.ProjectManager && r.ProjectId != null)
            .Join(
                db.Users,
                r => r.UserId,
                u => u.Id,
                (r, u) =>
                    new
                    {
                        ProjectId = r.ProjectId!.Value,
                        u.Id,
                        u.DisplayName,
                    }
            )
            .OrderBy(x => x.ProjectId)
            .ThenBy(x => x.Id)
            .ToListAsync(ct);
        foreach (var project in projects)
        {
            var people = staff.Where(s => s.ProjectId == project.Id).ToList();
            if (people.Count == 0)
                continue;
            var manager = managers.FirstOrDefault(m => m.ProjectId == project.Id);
            if (manager is not null)
                SeedScripts(
                    db,
                    project.CompanyId,
                    project.Id,
                    [.. people.Where(p => p.UserId == null).Take(2).Select(p => (p.Id, p.Name))],
                    (manager.Id, manager.DisplayName),
                    now
                );
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

    /// <summary>The open-question bank and exam: the first person's paper marked (7 and 5 of 10), the second's awaiting marking.</summary>
    private static void SeedScripts(
        Wuye.Platform.Database.WuyeDb db,
        Guid company,
        Guid project,
        List<(Guid Id, string Name)> people,
        (Guid Id, string Name) marker,
        DateTimeOffset now
    )
    {
        var bank = new QuestionBank
        {
            CompanyId = company,
            ProjectId = project,
            Title = "客服投诉回复口径（问答）",
            Topic = TrainingTopic.Service,
        };
        db.Add(bank);
        var questions = ScriptQuestions.Select(q => bank.Add(q.Kind, q.Text, q.Options, q.Correct, q.Reference)).ToList();
        db.AddRange(questions);
        var exam = Exam.Create(company, project, "投诉回复口径问答考试", TrainingTopic.Service, [bank.Id], 3, 3, 60m, 20, 2);
        db.Add(exam);
        var byId = questions.ToDictionary(q => q.Id);
        var started = now.AddDays(-1);
        for (var i = 0; i < people.Count; i++)
        {
            var assignment = new ExamAssignment
            {
                CompanyId = company,
                ProjectId = project,
                ExamId = exam.Id,
                StaffMemberId = people[i].Id,
                PersonName = people[i].Name,
            };
            db.Add(assignment);
            var attempt = assignment.Start(exam, [.. questions.Select(q => q.Id)], started);
            attempt.Submit(
                exam,
                byId,
                new Dictionary<Guid, int[]> { [questions[0].Id] = [0] },
                started.AddMinutes(12),
                new Dictionary<Guid, string>
                {
                    [questions[1].Id] = "先向业主致歉，说明迟到原因，重新约定时间。",
                    [questions[2].Id] = "物业费按合同和公示标准收取，可到客服中心查询。",
                }
            );
            if (i == 0)
            {
                attempt.Mark(
                    exam,
                    assignment,
                    byId,
                    new Dictionary<Guid, int> { [questions[1].Id] = 7, [questions[2].Id] = 5 },
                    new KeptPlaces(true, [], []),
                    marker.Id,
                    marker.Name,
                    started.AddHours(3)
                );
                assignment.Record(attempt);
            }
            db.Add(attempt);
        }
    }

    private static int[] ExamIndexes(int mask) => [.. Enumerable.Range(0, Question.MaxOptions).Where(i => (mask & (1 << i)) != 0)];
}
