using Wuye.Modules.Complaints.Domain;
using Wuye.Platform.Web;

namespace Wuye.Tests.Modules.Complaints.Domain;

/// <summary>A company's complaint departments and reply scripts: their rules on the entities alone.</summary>
public sealed class ComplaintDepartmentRulesTests
{
    private static readonly Guid Company = Guid.NewGuid();

    private static List<ComplaintDepartment> Defaults() =>
        [
            .. Departments.All.Select(
                (d, i) =>
                    new ComplaintDepartment
                    {
                        CompanyId = Company,
                        Code = d.Code,
                        Name = d.Zh,
                        NameEn = d.En,
                        SortOrder = i,
                    }
            ),
        ];

    private static void Rule(string code, Action act) => Assert.Equal(code, Assert.Throws<RuleException>(act).Code);

    [Fact]
    public void A_new_department_needs_an_unused_code_and_a_name_not_in_use_and_goes_last()
    {
        var rows = Defaults();
        Rule("complaint_department.duplicate", () => ComplaintDepartment.Add(rows, Company, "engineering", "新部门", null, null));
        Rule("complaint_department.duplicate", () => ComplaintDepartment.Add(rows, Company, "new_one", "工程部", null, null));
        var d = ComplaintDepartment.Add(rows, Company, "landscape", "园林部", "Landscape", null);
        Assert.Equal(rows.Max(x => x.SortOrder) + 1, d.SortOrder);
        Assert.Equal(0, ComplaintDepartment.Add([], Company, "first", "第一", null, null).SortOrder);
        Assert.Equal(5, ComplaintDepartment.Add(rows, Company, "fifth", "第五", null, 5).SortOrder);

        // A retired department's name is free again.
        rows.Single(x => x.Code == "finance").Archive(rows, true, DateTimeOffset.UtcNow);
        Assert.Equal("财务部", ComplaintDepartment.Add(rows, Company, "finance2", "财务部", null, null).Name);
    }

    [Fact]
    public void Renaming_keeps_the_code_and_refuses_the_name_of_another_department_in_use()
    {
        var rows = Defaults();
        var engineering = rows.Single(x => x.Code == "engineering");
        Rule("complaint_department.duplicate", () => engineering.Rename(rows, "客服部", null, null));
        engineering.Rename(rows, "工程部", "Works", 9);
        engineering.Rename(rows, "工程维修部", null, null);
        Assert.Equal(
            ("engineering", "工程维修部", null, 9),
            (engineering.Code, engineering.Name, engineering.NameEn, engineering.SortOrder)
        );
    }

    [Fact]
    public void The_last_department_in_use_cannot_be_retired_and_a_retired_one_comes_back()
    {
        var rows = Defaults().Take(2).ToList();
        var at = DateTimeOffset.UtcNow;
        rows[0].Archive(rows, true, at);
        Assert.Equal(at, rows[0].ArchivedAt);
        rows[0].Archive(rows, true, at.AddDays(1));
        Assert.Equal(at, rows[0].ArchivedAt);
        Rule("complaint_department.last", () => rows[1].Archive(rows, true, at));
        rows[0].Archive(rows, false, at);
        Assert.Null(rows[0].ArchivedAt);
        rows[1].Archive(rows, true, at);
        Assert.NotNull(rows[1].ArchivedAt);
    }

    [Fact]
    public void Editing_a_reply_script_makes_the_next_version_current()
    {
        var first = ReplyScript.First(Company, null, ComplaintCategory.Greening, " 树木遮挡采光能修剪吗？ ", " 可以。 ", "客服 赵敏", null);
        Assert.Equal((1, true, "树木遮挡采光能修剪吗？", "可以。"), (first.VersionNo, first.IsCurrent, first.Question, first.Answer));
        var next = first.NextVersion(ComplaintCategory.Greening, "树木遮挡采光能修剪吗？", "可以，三天内修剪。", "客服 赵敏", " 缩短时限 ");
        Assert.False(first.IsCurrent);
        Assert.Equal((first.ScriptId, 2, true, "缩短时限"), (next.ScriptId, next.VersionNo, next.IsCurrent, next.ChangeNote));
        Rule("reply_script.not_current", () => first.NextVersion(ComplaintCategory.Greening, "q", "a", null, null));
    }
}
