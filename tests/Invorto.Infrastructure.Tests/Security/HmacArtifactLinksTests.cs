using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Invorto.Infrastructure.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Security;

public sealed class HmacArtifactLinksTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly Guid _call = Guid.NewGuid();

    private static HmacArtifactLinks Links(string secret = "0123456789abcdef0123456789abcdef") =>
        new(
            new RealtimeSigningKey(
                Options.Create(new RealtimeOptions { WsSecret = secret }),
                Options.Create(new DatabaseOptions()),
                new HostingEnvironment { EnvironmentName = Environments.Production }),
            Options.Create(new PublicUrlsOptions { ApiBaseUrl = "https://api.example.com/v1/" }));

    private static (long Exp, string Sig) Parts(Uri link)
    {
        var query = link.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => pair[1]);
        return (long.Parse(query["exp"], System.Globalization.CultureInfo.InvariantCulture), query["sig"]);
    }

    [Fact]
    public void A_link_points_at_the_api_and_verifies_for_its_call_kind_and_expiry()
    {
        var link = Links().Create(_call, ArtifactKind.Recording, Expiry);
        var (exp, sig) = Parts(link);

        link.GetLeftPart(UriPartial.Path).ShouldBe($"https://api.example.com/v1/artifacts/{_call}/recording");
        exp.ShouldBe(Expiry.ToUnixTimeSeconds());
        sig.Length.ShouldBe(64);
        Links().Verify(_call, ArtifactKind.Recording, exp, sig).ShouldBeTrue();
    }

    [Fact]
    public void Changing_the_call_the_kind_or_the_expiry_breaks_the_signature()
    {
        var (exp, sig) = Parts(Links().Create(_call, ArtifactKind.Recording, Expiry));

        Links().Verify(Guid.NewGuid(), ArtifactKind.Recording, exp, sig).ShouldBeFalse();
        Links().Verify(_call, ArtifactKind.Transcript, exp, sig).ShouldBeFalse();
        Links().Verify(_call, ArtifactKind.Recording, exp + 1, sig).ShouldBeFalse();
        Links().Verify(_call, ArtifactKind.Recording, exp, "zz" + sig[2..]).ShouldBeFalse();
        Links().Verify(_call, ArtifactKind.Recording, exp, sig[..10]).ShouldBeFalse();
    }

    [Fact]
    public void Another_deployments_secret_does_not_verify()
    {
        var (exp, sig) = Parts(Links().Create(_call, ArtifactKind.Transcript, Expiry));

        Links("another-secret-another-secret-0000").Verify(_call, ArtifactKind.Transcript, exp, sig).ShouldBeFalse();
    }
}
