using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Artifacts;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Artifacts;

public sealed class FileSystemArtifactStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("invorto-artifacts-").FullName;
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _call = Guid.NewGuid();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private FileSystemArtifactStore Store(string? artifactsPath = null, string? dataDir = null) =>
        new(Options.Create(new ArtifactsOptions { ArtifactsPath = artifactsPath ?? _root }), Options.Create(new DatabaseOptions { DataDir = dataDir ?? "./data" }));

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public async Task A_saved_artifact_is_listed_and_reads_back_unchanged()
    {
        var store = Store();
        using var content = new MemoryStream([1, 2, 3]);

        await store.SaveAsync(_tenant, _call, ArtifactKind.Recording, content, CancellationToken.None);

        (await store.ListAsync(_tenant, _call, CancellationToken.None)).ShouldBe([ArtifactKind.Recording]);
        (await ReadAllAsync((await store.OpenReadAsync(_tenant, _call, ArtifactKind.Recording, CancellationToken.None))!)).ShouldBe(new byte[] { 1, 2, 3 });
        File.Exists(Path.Combine(_root, _tenant.ToString(), _call.ToString(), "recording.wav")).ShouldBeTrue();
    }

    [Fact]
    public async Task Saving_again_replaces_the_artifact_whole_and_leaves_no_temporary_files()
    {
        var store = Store();
        using var first = new MemoryStream([1, 2, 3, 4, 5]);
        using var second = new MemoryStream([9]);

        await store.SaveAsync(_tenant, _call, ArtifactKind.Transcript, first, CancellationToken.None);
        await store.SaveAsync(_tenant, _call, ArtifactKind.Transcript, second, CancellationToken.None);

        (await ReadAllAsync((await store.OpenReadAsync(_tenant, _call, ArtifactKind.Transcript, CancellationToken.None))!)).ShouldBe(new byte[] { 9 });
        Directory.GetFiles(Path.Combine(_root, _tenant.ToString(), _call.ToString())).Select(Path.GetFileName).ShouldBe(["transcript.json"]);
    }

    [Fact]
    public async Task Nothing_stored_is_an_empty_list_and_a_null_stream()
    {
        var store = Store();

        (await store.ListAsync(_tenant, _call, CancellationToken.None)).ShouldBeEmpty();
        (await store.OpenReadAsync(_tenant, _call, ArtifactKind.Recording, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Another_tenants_artifacts_are_not_visible_under_the_same_call_id()
    {
        var store = Store();
        using var content = new MemoryStream([1]);
        await store.SaveAsync(_tenant, _call, ArtifactKind.Recording, content, CancellationToken.None);

        (await store.ListAsync(Guid.NewGuid(), _call, CancellationToken.None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_ARTIFACTS_PATH_the_store_lives_in_the_data_directory()
    {
        var store = Store(artifactsPath: null, dataDir: _root);
        var withDefault = new FileSystemArtifactStore(Options.Create(new ArtifactsOptions()), Options.Create(new DatabaseOptions { DataDir = _root }));
        using var content = new MemoryStream([7]);

        await withDefault.SaveAsync(_tenant, _call, ArtifactKind.Transcript, content, CancellationToken.None);

        File.Exists(Path.Combine(_root, "artifacts", _tenant.ToString(), _call.ToString(), "transcript.json")).ShouldBeTrue();
        (await store.ListAsync(_tenant, _call, CancellationToken.None)).ShouldBeEmpty();
    }
}
