using System.Text;
using Invorto.Infrastructure.Configuration;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Security;

public sealed class HmacCursorProtectorTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("invorto-cursor-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private HmacCursorProtector Protector(string? secret = null) =>
        new(Options.Create(new RealtimeOptions { WsSecret = secret }), Options.Create(new DatabaseOptions { DataDir = _dataDir }));

    [Fact]
    public void Protected_payload_comes_back_unchanged()
    {
        var protector = Protector();

        var token = protector.Protect("hello"u8);

        protector.TryUnprotect(token, out var payload).ShouldBeTrue();
        Encoding.UTF8.GetString(payload).ShouldBe("hello");
    }

    [Fact]
    public void Altered_token_is_refused()
    {
        var protector = Protector();
        var token = protector.Protect("page after 42"u8);

        var altered = token[..3] + (token[3] == 'A' ? 'B' : 'A') + token[4..];

        protector.TryUnprotect(altered, out _).ShouldBeFalse();
        protector.TryUnprotect("not base64 !", out _).ShouldBeFalse();
        protector.TryUnprotect("AAAA", out _).ShouldBeFalse();
    }

    [Fact]
    public void Key_file_is_created_once_so_cursors_survive_a_restart()
    {
        var token = Protector().Protect("x"u8);

        var afterRestart = Protector();

        afterRestart.TryUnprotect(token, out _).ShouldBeTrue();
        new FileInfo(Path.Combine(_dataDir, HmacCursorProtector.KeyFileName)).Length.ShouldBe(32);
    }

    [Fact]
    public void Processes_sharing_the_realtime_secret_accept_each_others_cursors_and_others_do_not()
    {
        var token = Protector("a-shared-secret-of-at-least-32-characters").Protect("x"u8);

        Protector("a-shared-secret-of-at-least-32-characters").TryUnprotect(token, out _).ShouldBeTrue();
        Protector("another-secret-of-at-least-32-characters!").TryUnprotect(token, out _).ShouldBeFalse();
        Protector().TryUnprotect(token, out _).ShouldBeFalse();
    }
}
