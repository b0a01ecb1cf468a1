using Wuye.Platform.Identity;
using Wuye.Platform.Tenancy;
using Wuye.Platform.Web;

namespace Wuye.Modules.Complaints.Features.ComplaintHomePanel;

/// <summary>Company and project managers see the complaint warnings on their home page (fetched after the page by htmx).</summary>
internal sealed class ComplaintHomePanel : IHomePanelSource
{
    public Task<HomePanel?> PanelAsync(DataScope scope, string role, CancellationToken ct) =>
        Task.FromResult(
            role is Roles.CompanyManager or Roles.ProjectManager
                ? new HomePanel(20, "/Modules/Complaints/Pages/Home/_WarningsPanel.cshtml", new object())
                : null
        );
}
