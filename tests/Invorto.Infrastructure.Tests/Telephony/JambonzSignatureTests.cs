using System.Security.Cryptography;
using System.Text;
using Invorto.Infrastructure.Telephony;
using Invorto.Infrastructure.Telephony.Jambonz;

namespace Invorto.Infrastructure.Tests.Telephony;

public sealed class JambonzSignatureTests
{
    private const string Secret = "whsec_0123456789abcdef";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_764_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"call_sid":"abc","call_status":"ringing"}""");

    private static string IndependentHeader(long t, byte[] body, string secret = Secret)
    {
        byte[] data = [.. Encoding.UTF8.GetBytes($"{t}."), .. body];
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    [Fact]
    public void Valid_signature_is_accepted()
    {
        JambonzSignature.Verify(Secret, IndependentHeader(Now.ToUnixTimeSeconds(), Body), Body, Now).ShouldBe(SignatureCheck.Valid);
    }

    [Fact]
    public void Our_signer_matches_the_spec_formula()
    {
        JambonzSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body).ShouldBe(IndependentHeader(Now.ToUnixTimeSeconds(), Body));
    }

    [Fact]
    public void Tampered_body_is_refused()
    {
        var header = IndependentHeader(Now.ToUnixTimeSeconds(), Body);
        var tampered = Encoding.UTF8.GetBytes("""{"call_sid":"abc","call_status":"completed"}""");

        JambonzSignature.Verify(Secret, header, tampered, Now).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Wrong_secret_is_refused()
    {
        JambonzSignature.Verify(Secret, IndependentHeader(Now.ToUnixTimeSeconds(), Body, "another-secret"), Body, Now).ShouldBe(SignatureCheck.Mismatch);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamp_outside_five_minutes_is_stale(int offsetSeconds)
    {
        var header = IndependentHeader(Now.ToUnixTimeSeconds() + offsetSeconds, Body);

        JambonzSignature.Verify(Secret, header, Body, Now).ShouldBe(SignatureCheck.Stale);
    }

    [Fact]
    public void Timestamp_just_inside_the_tolerance_is_accepted()
    {
        JambonzSignature.Verify(Secret, IndependentHeader(Now.ToUnixTimeSeconds() - 299, Body), Body, Now).ShouldBe(SignatureCheck.Valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_header_is_refused(string? header)
    {
        JambonzSignature.Verify(Secret, header, Body, Now).ShouldBe(SignatureCheck.Missing);
    }

    [Theory]
    [InlineData("v1=abc")]
    [InlineData("t=1764000000")]
    [InlineData("t=abc,v1=00")]
    [InlineData("garbage")]
    public void Malformed_header_is_refused(string header)
    {
        JambonzSignature.Verify(Secret, header, Body, Now).ShouldBe(SignatureCheck.Malformed);
    }

    [Fact]
    public void One_matching_signature_among_several_is_enough_for_rotation()
    {
        var valid = IndependentHeader(Now.ToUnixTimeSeconds(), Body);
        var header = valid.Replace("v1=", "v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);

        JambonzSignature.Verify(Secret, header, Body, Now).ShouldBe(SignatureCheck.Valid);
    }
}
