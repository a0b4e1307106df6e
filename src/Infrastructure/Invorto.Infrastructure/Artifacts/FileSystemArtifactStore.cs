using Invorto.Application.Abstractions;
using Invorto.Application.Calls;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Artifacts;

/// <summary>
/// <c>&lt;ARTIFACTS_PATH&gt;/&lt;tenantId&gt;/&lt;callId&gt;/recording.wav|transcript.json</c>. Paths are built from GUIDs
/// only, so no input can point outside the root; writes go to a temporary file first and are moved into place.
/// </summary>
internal sealed class FileSystemArtifactStore(IOptions<ArtifactsOptions> artifacts, IOptions<DatabaseOptions> database) : IArtifactStore
{
    private static readonly ArtifactKind[] Kinds = [ArtifactKind.Recording, ArtifactKind.Transcript];

    private string Root => Path.GetFullPath(artifacts.Value.ArtifactsPath ?? Path.Combine(database.Value.DataDir, "artifacts"));

    public Task<IReadOnlyList<ArtifactKind>> ListAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ArtifactKind> stored = [.. Kinds.Where(kind => File.Exists(PathOf(tenantId, callId, kind)))];
        return Task.FromResult(stored);
    }

    public Task<Stream?> OpenReadAsync(Guid tenantId, Guid callId, ArtifactKind kind, CancellationToken cancellationToken)
    {
        try
        {
            Stream stream = new FileStream(PathOf(tenantId, callId, kind), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async Task SaveAsync(Guid tenantId, Guid callId, ArtifactKind kind, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(tenantId, callId, kind);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<IReadOnlyList<ArtifactKind>> DeleteAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken)
    {
        var deleted = new List<ArtifactKind>();
        foreach (var kind in Kinds)
        {
            var path = PathOf(tenantId, callId, kind);
            if (File.Exists(path))
            {
                File.Delete(path);
                deleted.Add(kind);
            }
        }

        var folder = Path.Combine(Root, tenantId.ToString("D"), callId.ToString("D"));
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }

        return Task.FromResult<IReadOnlyList<ArtifactKind>>(deleted);
    }

    private string PathOf(Guid tenantId, Guid callId, ArtifactKind kind) =>
        Path.Combine(Root, tenantId.ToString("D"), callId.ToString("D"), ArtifactKinds.FileNameOf(kind));
}
