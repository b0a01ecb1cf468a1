using Microsoft.EntityFrameworkCore;
using Wuye.Modules.MasterData.Domain;
using Wuye.Platform.Database;
using Wuye.Platform.Identity;
using Wuye.Platform.Web;

namespace Wuye.Modules.MasterData.Features.ImportMasterData;

/// <summary>
/// The staff sheet (员工): a project's people in bulk, matched on their mobile number (or their name when
/// they have none), each optionally given an account — always an invitation by SMS, never a password
/// in a list — and a project or zone role the importer may grant.
/// </summary>
internal sealed partial class ImportPlanner
{
    private readonly Dictionary<string, StaffMember> _staffByPhone = [];
    private readonly Dictionary<string, List<StaffMember>> _staffByName = [];
    private Dictionary<string, Team> _teams = [];
    private HashSet<(Guid User, string Role, Guid? Zone)> _held = [];
    private Func<Roles.Info, bool> _mayGrant = _ => false;

    private async Task LoadStaffAsync(WuyeDb db, bool tracking, CancellationToken ct)
    {
        var pid = _project.Id;
        var query = db.Set<StaffMember>().Where(s => s.ProjectId == pid && s.ArchivedAt == null).OrderBy(s => s.Id);
        var staff = await (tracking ? query.AsTracking() : query.AsNoTracking()).ToListAsync(ct);
        foreach (var s in staff)
            Remember(s);
        _teams = (await db.Set<Team>().AsNoTracking().Where(t => t.ProjectId == pid && t.ArchivedAt == null).ToListAsync(ct))
            .GroupBy(t => t.Name)
            .ToDictionary(g => g.Key, g => g.First());
        var users = staff.Where(s => s.UserId != null).Select(s => s.UserId!.Value).ToList();
        _held =
        [
            .. (
                await db
                    .RoleAssignments.AsNoTracking()
                    .Where(r => r.ProjectId == pid && r.UnitId == null && users.Contains(r.UserId))
                    .Select(r => new
                    {
                        r.UserId,
                        r.Role,
                        r.ZoneId,
                    })
                    .ToListAsync(ct)
            ).Select(r => (r.UserId, r.Role, r.ZoneId)),
        ];
        // The same rule as POST /api/v1/role-assignments, read once for the file: a company manager of the
        // project's company grants any staff role there, its project manager all but project manager.
        if (db.Scope.IsGlobal)
        {
            _mayGrant = _ => true;
            return;
        }
        var me = db.Scope.UserId;
        var mine = await db
            .RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == me && (r.Role == Roles.CompanyManager || r.Role == Roles.ProjectManager))
            .Select(r => new
            {
                r.Role,
                r.CompanyId,
                r.ProjectId,
                r.ZoneId,
            })
            .ToListAsync(ct);
        var companyManager = mine.Any(r => r.Role == Roles.CompanyManager && r.CompanyId == _project.CompanyId && r.ProjectId == null);
        var projectManager = mine.Any(r => r.Role == Roles.ProjectManager && r.ProjectId == pid && r.ZoneId == null);
        _mayGrant = role => companyManager || (projectManager && role.Code != Roles.ProjectManager);
    }

    private void Remember(StaffMember s)
    {
        if (s.Phone is { Length: > 0 } phone)
            _staffByPhone.TryAdd(phone, s);
        if (!_staffByName.TryGetValue(s.Name, out var named))
            _staffByName[s.Name] = named = [];
        named.Add(s);
    }

    private (string, RowAction) StaffRow(ImportRow row, Dictionary<string, int> seen)
    {
        var name = row.Required("name", 50);
        var phone = row.Phone("phone");
        var position = row.Optional("position", 50);
        var team = TeamNamed(row);
        var account = row.Get("account") is { Length: > 0 } a ? ImportSchema.Lock(a) ?? (a is "邀请" or "invite" ? true : null) : false;
        if (account is null)
            row.Error("account", new("开通账号应填“是”或“否”（留空为否）", "Account must be Yes or No (empty means No)"));
        var role = StaffRole(row);
        var zone = row.Optional("zone", 50) is { } zoneName ? ZoneOf(zoneName, row) : null;
        if (role?.Level == Roles.RoleLevel.Zone && zone is null && !row.Errors.Any(e => e.Column == row.Column("zone")))
            row.Error("zone", new($"{role.Zh}需要填写负责的片区", $"A {role.En} needs the zone they look after"));
        var key = phone ?? name;
        if (key.Length > 0 && Duplicate(row, seen, key, phone is null ? "name" : "phone"))
            return (key, RowAction.Error);
        if (row.Errors.Count > 0)
            return (key, RowAction.Error);

        var staff = Existing(name, phone);
        if (staff is null)
        {
            staff = New(
                new StaffMember
                {
                    CompanyId = _project.CompanyId,
                    ProjectId = _project.Id,
                    Name = name,
                },
                _plan.Staff
            );
            Remember(staff);
        }
        row.Set("name", staff.Name, name, v => staff.Name = v);
        if (phone is not null)
            row.Set("phone", staff.Phone, phone, v => staff.Phone = v);
        if (position is not null)
            row.Set("position", staff.Position, position, v => staff.Position = v);
        if (team is not null)
            row.Set("team", staff.TeamId, team.Id, _ => staff.JoinTeam(team));
        if (staff.UserId is null && (account == true || role is not null))
        {
            if (account != true)
                row.Error(
                    "account",
                    new(
                        "员工还没有账号：要授予角色，请在“开通账号”填“是”",
                        "The staff member has no account yet: put Yes under Account to grant a role"
                    )
                );
            else if (staff.Phone is null)
                row.Error(
                    "phone",
                    new("开通账号需要手机号：邀请码以短信发送", "An account needs a mobile number: the invitation code goes by SMS")
                );
            else
            {
                _plan.Invitations.Add((staff, staff.Phone, row.Number));
                row.Notes.Add(Loc.T("开通账号并发送邀请短信", "account with an invitation by SMS"));
            }
        }
        if (role is not null && row.Errors.Count == 0)
        {
            var at = role.Level == Roles.RoleLevel.Zone ? zone : null;
            if (staff.UserId is not { } user || !_held.Contains((user, role.Code, at?.Id)))
            {
                _plan.Grants.Add((staff, role.Code, at));
                row.Notes.Add(Loc.T($"授予角色：{role.Zh}", $"role: {role.En}"));
            }
        }
        return (key, row.Errors.Count > 0 ? RowAction.Error : Outcome(staff, row));
    }

    /// <summary>The project's staff member with this mobile number, else the only one of this name without a different number.</summary>
    private StaffMember? Existing(string name, string? phone)
    {
        if (phone is not null && _staffByPhone.TryGetValue(phone, out var byPhone))
            return byPhone;
        var named = _staffByName.GetValueOrDefault(name)?.Where(s => phone is null || s.Phone is null).ToList();
        return named is [var only] ? only : null;
    }

    private Team? TeamNamed(ImportRow row)
    {
        if (row.Optional("team", 50) is not { } teamName)
            return null;
        if (_teams.TryGetValue(teamName, out var team))
            return team;
        row.Error(
            "team",
            new($"班组“{teamName}”不存在，请先在班组页面建立", $"Team \"{teamName}\" does not exist; create it on the Teams page first")
        );
        return null;
    }

    private Zone? ZoneOf(string zoneName, ImportRow row)
    {
        if (_zones.TryGetValue(zoneName, out var zone))
            return zone;
        row.Error(
            "zone",
            new(
                $"片区“{zoneName}”不存在（项目中和本文件的房屋表中都没有）",
                $"Zone \"{zoneName}\" does not exist (neither in the project nor in this file's Units sheet)"
            )
        );
        return null;
    }

    private Roles.Info? StaffRole(ImportRow row)
    {
        if (row.Optional("role", 20) is not { } text)
            return null;
        var role = ImportSchema.Role(text);
        var staffRoles = Roles.All.Where(r => ImportSchema.IsStaffRole(r)).ToList();
        if (role is null || !ImportSchema.IsStaffRole(role))
        {
            row.Error(
                "role",
                new(
                    $"角色应为 {string.Join("、", staffRoles.Select(r => r.Zh))} 之一；公司级角色请在账号页面授予",
                    $"Role must be one of {string.Join(", ", staffRoles.Select(r => r.En))}; grant company roles on the Accounts page"
                )
            );
            return null;
        }
        if (!_mayGrant(role))
        {
            row.Error("role", new($"你不能授予“{role.Zh}”角色", $"You may not grant the {role.En} role"));
            return null;
        }
        return role;
    }

    /// <summary>
    /// A new account's user name is its mobile number: one already taken (by anyone, in any company) turns
    /// that row into an error, read in one query after the rows are planned.
    /// </summary>
    private async Task CheckUserNamesAsync(WuyeDb db, CancellationToken ct)
    {
        if (_plan.Invitations.Count == 0)
            return;
        var names = _plan.Invitations.Select(i => i.UserName.ToUpperInvariant()).ToList();
        var taken = (
            await db
                .Users.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(u => names.Contains(u.NormalizedUserName!))
                .Select(u => u.UserName)
                .ToListAsync(ct)
        ).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var label = ImportSchema.Sheets.Single(s => s.Kind == SheetKind.Staff).Label;
        foreach (var invitation in _plan.Invitations.Where(i => taken.Contains(i.UserName)).ToList())
        {
            _plan.Invitations.Remove(invitation);
            var at = _plan.Rows.FindIndex(r => r.Sheet == label && r.Row == invitation.Row);
            var phoneColumn = ImportSchema.Sheets.Single(s => s.Kind == SheetKind.Staff).Columns.Single(c => c.Key == "phone").Label;
            _plan.Rows[at] = _plan.Rows[at] with
            {
                Action = RowAction.Error,
                Errors =
                [
                    .. _plan.Rows[at].Errors,
                    new ImportError(
                        phoneColumn,
                        invitation.UserName,
                        Loc.T(
                            "这个手机号已是另一个账号的用户名：请在员工页面为其开通账号并另起用户名",
                            "This mobile number is already another account's user name: "
                                + "give the account on the Staff page with another user name"
                        )
                    ),
                ],
            };
        }
    }
}

internal static partial class ImportSchema
{
    /// <summary>A role by its code, Chinese or English name, or a name the trade uses for it (维修工, 保安, 管家…).</summary>
    public static Roles.Info? Role(string text)
    {
        var n = Normalize(text);
        return Roles.All.FirstOrDefault(r => r.Code == n || Normalize(r.Zh) == n || Normalize(r.En) == n)
            ?? (
                n switch
                {
                    "维修工" or "维修" or "工程" or "工程师" or "水电工" => Roles.Find(Roles.Technician),
                    "保安" or "秩序维护员" or "安保" or "门岗" or "巡逻" => Roles.Find(Roles.SecurityGuard),
                    "管家" or "楼管" or "物业管家" => Roles.Find(Roles.Steward),
                    "监控" or "中控" or "监控员" => Roles.Find(Roles.MonitoringCenter),
                    "客服专员" or "前台" or "客服中心" => Roles.Find(Roles.CustomerService),
                    _ => null,
                }
            );
    }

    /// <summary>The roles a project's staff import grants: those held at a project or one of its zones, not the committee's.</summary>
    public static bool IsStaffRole(Roles.Info role) =>
        role.Level is Roles.RoleLevel.Project or Roles.RoleLevel.Zone && role.Code != Roles.OwnersCommittee;
}
