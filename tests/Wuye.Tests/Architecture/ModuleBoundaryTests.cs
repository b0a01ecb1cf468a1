using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using Wuye.Tests.Kit;

namespace Wuye.Tests.Architecture;

/// <summary>
/// The module shape of docs/ARCHITECTURE.md, checked: a module uses another only through its
/// <c>Contracts</c>; the platform uses no module; only contracts are public; every module has the
/// same folders. Each failure names the offending types, so it says what to move where.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly System.Reflection.Assembly Product = typeof(WuyeHost).Assembly;
    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Arch = new(() => new ArchLoader().LoadAssemblies(Product).Build());

    public static TheoryData<string> Modules() => [.. ModuleNames()];

    private static IEnumerable<string> ModuleNames() =>
        Directory.GetDirectories(Path.Combine(Repo.Root, "src", "Wuye", "Modules")).Select(Path.GetFileName).OfType<string>().Order();

    /// <summary>"Wuye.Modules.WorkOrders.Features.X" → "WorkOrders"; null outside the modules.</summary>
    private static string? ModuleOf(string? ns)
    {
        if (ns is null || !ns.StartsWith("Wuye.Modules.", StringComparison.Ordinal))
            return null;
        var rest = ns["Wuye.Modules.".Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    private static bool IsContract(string ns, string module) =>
        ns == $"Wuye.Modules.{module}.Contracts" || ns.StartsWith($"Wuye.Modules.{module}.Contracts.", StringComparison.Ordinal);

    private static IEnumerable<(IType From, IType To)> Dependencies() =>
        Arch.Value.Types.SelectMany(t => t.Dependencies.Select(d => (From: t, To: d.Target))).Where(p => p.From.FullName != p.To.FullName);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Other_modules_use_a_module_only_through_its_contracts(string module)
    {
        var breaches = Dependencies()
            .Where(p => ModuleOf(p.To.Namespace?.FullName) == module && !IsContract(p.To.Namespace!.FullName, module))
            .Where(p => ModuleOf(p.From.Namespace?.FullName) is { } from && from != module)
            .Select(p => $"{p.From.FullName} → {p.To.FullName}")
            .Distinct()
            .Order()
            .ToList();
        Assert.True(
            breaches.Count == 0,
            $"{breaches.Count} uses of {module}'s insides from other modules (use or add a type in Modules/{module}/Contracts):\n"
                + string.Join("\n", breaches.Take(60))
        );
    }

    [Fact]
    public void The_platform_depends_on_no_module()
    {
        var breaches = Dependencies()
            .Where(p => p.From.Namespace?.FullName is { } ns && ns.StartsWith("Wuye.Platform", StringComparison.Ordinal))
            .Where(p => ModuleOf(p.To.Namespace?.FullName) is not null)
            .Select(p => $"{p.From.FullName} → {p.To.FullName}")
            .Distinct()
            .Order()
            .ToList();
        Assert.True(
            breaches.Count == 0,
            "The platform must not know the modules (invert the dependency with an interface in Platform that the module implements):\n"
                + string.Join("\n", breaches.Take(60))
        );
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Only_contracts_are_public(string module)
    {
        var visible = Product
            .GetTypes()
            .Where(t => t.IsVisible && ModuleOf(t.Namespace) == module && !IsContract(t.Namespace!, module))
            .Select(t => t.FullName)
            .Order()
            .ToList();
        Assert.True(visible.Count == 0, $"Types of {module} outside Contracts/ must be internal:\n" + string.Join("\n", visible.Take(60)));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Each_module_has_the_same_folders(string module)
    {
        var dir = Path.Combine(Repo.Root, "src", "Wuye", "Modules", module);
        Assert.True(File.Exists(Path.Combine(dir, module + "Module.cs")), $"{module}Module.cs (registration) is missing");
        foreach (var folder in new[] { "Contracts", "Domain", "Features", "Pages", "Data", "Seed" })
            Assert.True(Directory.Exists(Path.Combine(dir, folder)), $"Modules/{module}/{folder}/ is missing");
        var loose = Directory.GetFiles(dir).Select(Path.GetFileName).Where(f => f != module + "Module.cs").ToList();
        Assert.True(loose.Count == 0, $"Modules/{module} holds files outside its folders: {string.Join(", ", loose)}");
        var stray = Directory
            .GetDirectories(dir)
            .Select(Path.GetFileName)
            .Where(f => f is not ("Contracts" or "Domain" or "Features" or "Pages" or "Jobs" or "Data" or "Seed"))
            .ToList();
        Assert.True(stray.Count == 0, $"Modules/{module} has folders outside the module shape: {string.Join(", ", stray)}");
        // One use case per folder: Features holds folders, not files.
        var features = Directory.GetFiles(Path.Combine(dir, "Features")).Select(Path.GetFileName).ToList();
        Assert.True(features.Count == 0, $"Modules/{module}/Features holds files outside use-case folders: {string.Join(", ", features)}");
    }

    /// <summary>Our own source under the given folders (no build output, no npm packages).</summary>
    private static IEnumerable<string> SourceFiles(string[] folders, params string[] extensions)
    {
        var sep = Path.DirectorySeparatorChar;
        return folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repo.Root, d), "*.*", SearchOption.AllDirectories))
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}") && !f.Contains("node_modules"));
    }

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var big = SourceFiles(["src"], ".cs", ".cshtml")
            .Select(f => (File: Path.GetRelativePath(Repo.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(x => x.Lines > 400)
            .Select(x => $"{x.File}: {x.Lines}")
            .ToList();
        Assert.True(big.Count == 0, "Split these files (one use case per folder, rules on the entities):\n" + string.Join("\n", big));
    }

    [Fact]
    public void No_line_of_csharp_is_over_140_characters()
    {
        // .editorconfig's max_line_length; CSharpier (dotnet csharpier check, run by ./wuye test) keeps the code's layout,
        // this keeps what the formatter cannot break: strings, comments, names.
        var longLines = SourceFiles(["src", "tests", "bench"], ".cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(Repo.Root, f), No: i + 1, line.Length)))
            .Where(x => x.Length > 140)
            .Select(x => $"{x.File}:{x.No}: {x.Length} characters")
            .ToList();
        Assert.True(longLines.Count == 0, "Break these lines (140 characters at most):\n" + string.Join("\n", longLines));
    }
}
