using System.CommandLine;

namespace Wuye;

/// <summary>What the command line asked for: a command, its options, and the host settings to pass on.</summary>
internal sealed record WuyeCommand(
    string Name,
    string[] HostArgs,
    string Size,
    int Seed,
    bool PrintCreateScript,
    string AdminUserName = FirstStartAdmin.UserName,
    string AdminDisplayName = FirstStartAdmin.DisplayName
);

/// <summary>The platform administrator the first start (or <c>admin create</c>) makes unless told otherwise.</summary>
internal static class FirstStartAdmin
{
    public const string UserName = Platform.Identity.FirstStart.AdminUserName;
    public const string DisplayName = Platform.Identity.FirstStart.AdminDisplayName;
}

/// <summary>
/// The app's command line (System.CommandLine): <c>run</c> (the default), <c>seed</c>, each with
/// <c>--help</c>; a bad argument prints what is wrong and the usage. Host settings
/// (<c>--Wuye:DataDir=…</c>, <c>--ConnectionStrings:Wuye …</c>: any name with a colon) pass
/// through to the configuration untouched.
/// </summary>
internal static class WuyeCommandLine
{
    /// <summary>The command to run, or the exit code when help or an error was printed instead.</summary>
    public static (WuyeCommand? Command, int ExitCode) Parse(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var (settings, rest) = SplitSettings(args);

        var urls = new Option<string?>("--urls", "--Urls")
        {
            Description = "Where to listen, e.g. http://127.0.0.1:5080 (several separated by ';'). 监听地址",
            HelpName = "url",
        };
        var createScript = new Option<bool>("--print-create-script")
        {
            Description = "Print the DDL the EF model implies, for drafting a migration; needs no database",
            Hidden = true,
        };
        var size = new Option<string>("--size")
        {
            Description = "small (two companies, six projects) or large (the benchmark's tree). 数据规模",
            DefaultValueFactory = _ => "small",
        };
        size.AcceptOnlyFromAmong("small", "large");
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed; the same seed gives the same data. 随机种子",
            DefaultValueFactory = _ => 1,
        };

        const string settingsHelp =
            "Any setting may follow as --Section:Name=value (e.g. --Wuye:DataDir=/srv/wuye, --ConnectionStrings:Wuye=\"Host=…\").";
        var run = new Command("run", "Start the product: the web app and API (the default command). 启动系统。 " + settingsHelp)
        {
            urls,
            createScript,
        };
        var seedCommand = new Command(
            "seed",
            "Create the demo data in an empty database, then exit. 在空数据库中生成演示数据。 " + settingsHelp
        )
        {
            size,
            seed,
        };
        var userName = new Option<string>("--user-name")
        {
            Description = "The administrator's user name. 用户名",
            DefaultValueFactory = _ => FirstStartAdmin.UserName,
        };
        var displayName = new Option<string>("--name")
        {
            Description = "The administrator's name as shown. 姓名",
            DefaultValueFactory = _ => FirstStartAdmin.DisplayName,
        };
        var adminCreate = new Command(
            "create",
            "Create a platform administrator with a one-time password, printed once and changed at first sign-in, then exit; "
                + "for a server without the demo data. 创建平台管理员（一次性密码只显示一次，首次登录须修改）。 "
                + settingsHelp
        )
        {
            userName,
            displayName,
        };
        var admin = new Command("admin", "Platform administrators: admin create. 平台管理员") { adminCreate };
        var root = new RootCommand("Wuye 物业管理平台 — property management. Without a command: run. " + settingsHelp)
        {
            run,
            seedCommand,
            admin,
        };
        // The root runs the app too (dotnet Wuye.dll --Urls …), so it takes run's options.
        root.Options.Add(urls);
        root.Options.Add(createScript);

        WuyeCommand? chosen = null;
        void Run(ParseResult r) =>
            chosen = new WuyeCommand("run", WithUrls(settings, r.GetValue(urls)), "small", 1, r.GetValue(createScript));
        root.SetAction(Run);
        run.SetAction(Run);
        seedCommand.SetAction(r => chosen = new WuyeCommand("seed", settings, r.GetValue(size)!, r.GetValue(seed), false));
        adminCreate.SetAction(r =>
            chosen = new WuyeCommand("admin-create", settings, "small", 1, false, r.GetValue(userName)!, r.GetValue(displayName)!)
        );

        var parsed = root.Parse(rest);
        var code = parsed.Invoke(new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error });
        return chosen is null ? (null, code) : (chosen, 0);
    }

    private static string[] WithUrls(string[] settings, string? urls) => urls is null ? settings : [.. settings, "--urls", urls];

    /// <summary>Options of the command line itself; any other --Name=value is a setting.</summary>
    private static readonly HashSet<string> OwnOptions = new(
        ["urls", "size", "seed", "print-create-script", "help", "version", "user-name", "name"],
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>The host's own settings, which may also be given as "--name value".</summary>
    private static readonly HashSet<string> HostKeys = new(
        ["environment", "contentRoot", "applicationName"],
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>
    /// Host settings are the configuration's, not the command line's: --Name=value for any name that
    /// is not an option of the command line, and --Section:Name value (a name with a colon).
    /// </summary>
    private static (string[] Settings, string[] Others) SplitSettings(string[] args)
    {
        var settings = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            var name =
                a.StartsWith("--", StringComparison.Ordinal) ? a[2..].Split('=')[0]
                : a.StartsWith('/') && a.Contains('=') ? a[1..].Split('=')[0]
                : null;
            var isSetting =
                name is { Length: > 0 } && !OwnOptions.Contains(name) && (a.Contains('=') || name.Contains(':') || HostKeys.Contains(name));
            if (!isSetting)
            {
                rest.Add(a);
                continue;
            }
            settings.Add(a);
            if (!a.Contains('=') && i + 1 < args.Length)
                settings.Add(args[++i]);
        }
        return ([.. settings], [.. rest]);
    }

    /// <summary>The first of the addresses to listen on whose port another program holds, if any.</summary>
    public static string? TakenAddress(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (
                !Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)
                || uri.Port <= 0
            )
                continue;
            var ip = System.Net.IPAddress.TryParse(uri.Host, out var parsed) ? parsed : System.Net.IPAddress.Loopback;
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(ip, uri.Port);
                probe.Start();
                probe.Stop();
            }
            catch (System.Net.Sockets.SocketException)
            {
                return url;
            }
        }
        return null;
    }

    /// <summary>One plain sentence for a port someone else holds: which port, and what to do.</summary>
    public static string PortInUse(string? urls) =>
        $"无法启动：地址 {urls} 的端口已被其他程序占用。请先停止占用它的程序（例如另一个 Wuye），或用 --urls 换一个端口，如 ./wuye run --urls http://127.0.0.1:5081。"
        + Environment.NewLine
        + $"Cannot start: the port of {urls} is already in use. Stop the program holding it (another Wuye, perhaps) or choose another "
        + $"port with --urls, e.g. ./wuye run --urls http://127.0.0.1:5081.";
}
