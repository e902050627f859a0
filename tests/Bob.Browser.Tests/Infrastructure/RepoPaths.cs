namespace Bob.Browser.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (axe-core from the widget's pinned tools) or write (TestResults/).</summary>
public static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    /// <summary>axe-core, pinned in widget/package-lock.json and installed by the Web build's <c>npm ci</c>.</summary>
    public static string AxeCore => Path.Combine(Root, "widget", "node_modules", "axe-core", "axe.min.js");

    /// <summary>A file under TestResults/ at the repository root (ignored by git), its folder created.</summary>
    public static string TestResult(params string[] parts)
    {
        var path = Path.Combine([Root, "TestResults", .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
