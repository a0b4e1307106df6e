using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Artifacts.DownloadArtifact;
using Invorto.Application.Calls.Artifacts.GetCallArtifacts;
using Invorto.Application.Common;
using Invorto.Domain.Calls;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Calls;

public sealed class ArtifactHandlersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, 250, TimeSpan.Zero);
    private readonly IReadRepository<Call> _calls = Substitute.For<IReadRepository<Call>>();
    private readonly IArtifactStore _store = Substitute.For<IArtifactStore>();
    private readonly IArtifactLinks _links = Substitute.For<IArtifactLinks>();
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly Call _call = Call.PlaceOutbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000002", "jambonz", null, Now);

    public ArtifactHandlersTests()
    {
        _links.Create(Arg.Any<Guid>(), Arg.Any<ArtifactKind>(), Arg.Any<DateTimeOffset>())
            .Returns(call => new Uri($"https://api.example.com/v1/artifacts/{call.ArgAt<Guid>(0)}/{call.ArgAt<ArtifactKind>(1)}"));
        _links.Verify(_call.Id, ArtifactKind.Transcript, Arg.Any<long>(), "good").Returns(true);
        _calls.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(_call);
    }

    private GetCallArtifactsHandler Lister => new(_calls, _store, _links, _clock);

    private DownloadArtifactHandler Downloader => new(_calls, _store, _links, _clock);

    private static string Exp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_stored_artifact_gets_a_link_expiring_in_15_minutes_on_a_whole_second()
    {
        _calls.AnyAsync(Arg.Any<ISpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(true);
        _store.ListAsync(_call.TenantId, _call.Id, Arg.Any<CancellationToken>()).Returns([ArtifactKind.Recording, ArtifactKind.Transcript]);

        var result = await Lister.HandleAsync(new GetCallArtifactsQuery(_call.TenantId, _call.Id), CancellationToken.None);

        var expected = new DateTimeOffset(2026, 11, 25, 10, 15, 0, TimeSpan.Zero);
        result.Value!.ExpiresAt.ShouldBe(expected);
        result.Value.Recording.ShouldNotBeNull();
        result.Value.Transcript.ShouldNotBeNull();
        _links.Received(1).Create(_call.Id, ArtifactKind.Recording, expected);
    }

    [Fact]
    public async Task Another_tenants_call_is_not_found_and_its_store_is_not_read()
    {
        _calls.AnyAsync(Arg.Any<ISpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(false);

        var result = await Lister.HandleAsync(new GetCallArtifactsQuery(Guid.NewGuid(), _call.Id), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
        await _store.DidNotReceiveWithAnyArgs().ListAsync(default, default, default);
    }

    [Fact]
    public async Task A_valid_unexpired_link_streams_the_artifact_of_the_calls_own_tenant()
    {
        using var content = new MemoryStream([1]);
        _store.OpenReadAsync(_call.TenantId, _call.Id, ArtifactKind.Transcript, Arg.Any<CancellationToken>()).Returns(content);

        var result = await Downloader.HandleAsync(new DownloadArtifactQuery(_call.Id, "transcript", Exp(Now.AddSeconds(5)), "good"), CancellationToken.None);

        result.Value!.ContentType.ShouldBe("application/json");
        result.Value.Content.ShouldBeSameAs(content);
    }

    [Fact]
    public async Task An_expired_link_is_forbidden_even_with_a_good_signature()
    {
        var result = await Downloader.HandleAsync(new DownloadArtifactQuery(_call.Id, "transcript", Exp(Now.AddSeconds(-1)), "good"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Forbidden);
        await _store.DidNotReceiveWithAnyArgs().OpenReadAsync(default, default, default, default);
    }

    [Theory]
    [InlineData("bad", "1800000000")]
    [InlineData("good", "soon")]
    [InlineData("good", null)]
    [InlineData(null, "1800000000")]
    public async Task A_bad_signature_or_expiry_is_forbidden(string? sig, string? exp)
    {
        var result = await Downloader.HandleAsync(new DownloadArtifactQuery(_call.Id, "transcript", exp, sig), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task An_unknown_kind_is_not_found()
    {
        var result = await Downloader.HandleAsync(new DownloadArtifactQuery(_call.Id, "video", Exp(Now.AddMinutes(1)), "good"), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.NotFound);
    }
}
