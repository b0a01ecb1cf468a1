namespace Wuye.Tests.Kit;

/// <summary>The repository's root folder (the one holding Wuye.slnx), found from the test binaries.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Wuye.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Wuye.slnx not found above " + AppContext.BaseDirectory);
    }
}
