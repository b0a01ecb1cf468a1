using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.Shared;

internal static class ComplaintInputs
{
    /// <summary>The shape only: which codes are departments is the company's list (checked by <see
    /// cref="ComplaintDepartments.CheckAsync"/>).</summary>
    public static void CheckDepartments(Validator v, string[]? departments)
    {
        if (departments is { Length: > 20 })
            v.Add("departments", "最多选择 20 个部门", "At most 20 departments");
        if (departments?.Any(string.IsNullOrWhiteSpace) == true)
            v.Add("departments", "部门代码不能为空", "A department code is empty");
    }
}
