namespace Invorto.Testing;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Invorto.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Invorto.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Invorto.sln not found above the test binaries.");
    }
}
