using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wuye.Platform.Web;

namespace Wuye.Platform.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Advice { get; private set; } = "";
    public string? TraceId { get; private set; }

    public void OnGet(int? code) => Fill(code);

    public void OnPost(int? code) => Fill(code);

    private void Fill(int? code)
    {
        Code = code ?? 500;
        if (Code is < 400 or > 599)
            Code = 404;
        Response.StatusCode = Code;
        (Title, Advice) = Code switch
        {
            403 => (
                Loc.T("没有权限", "Not allowed"),
                Loc.T(
                    "您的角色无权访问此页面。如需开通，请联系公司管理员。",
                    "Your role may not open this page. Ask your company administrator if you need it."
                )
            ),
            404 => (
                Loc.T("页面不存在", "Page not found"),
                Loc.T("您要找的页面或记录不存在，或不在您的管理范围内。", "The page or record does not exist, or is outside your scope.")
            ),
            429 => (Loc.T("操作过于频繁", "Too many requests"), Loc.T("请稍等一分钟再试。", "Please wait a minute and try again.")),
            >= 500 => (
                Loc.T("系统出错了", "Something went wrong"),
                Loc.T(
                    "我们已记录此问题。请稍后重试；若仍有问题，请把下面的追踪编号告诉管理员。",
                    "It has been logged. Try again later; if it persists, give the trace id below to your administrator."
                )
            ),
            _ => (Loc.T("请求有误", "Bad request"), Loc.T("请检查后重试。", "Please check and try again.")),
        };
        if (Code >= 500)
            TraceId = HttpContext.TraceIdentifier;
    }
}
