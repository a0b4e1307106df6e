using System.Security.Cryptography;
using System.Text;
using Invorto.Infrastructure.Telephony;
using Invorto.Infrastructure.Telephony.Twilio;

namespace Invorto.Infrastructure.Tests.Telephony;

public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly Dictionary<string, string> Form = new()
    {
        ["Digits"] = "1234",
        ["To"] = "+18005551212",
        ["From"] = "+14158675310",
        ["Caller"] = "+14158675310",
        ["CallSid"] = "CA1234567890ABCDE",
    };

    private static string Independent(string url, IEnumerable<KeyValuePair<string, string>> form, string token = Token)
    {
        // Twilio's documented algorithm, written out: URL, then each sorted name immediately followed by its value.
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350
    }

    [Fact]
    public void Valid_signature_is_accepted()
    {
        TwilioSignature.Verify(Token, Independent(Url, Form), Url, Form).ShouldBe(SignatureCheck.Valid);
    }

    [Fact]
    public void Tampered_parameter_is_refused()
    {
        var signature = Independent(Url, Form);
        var tampered = new Dictionary<string, string>(Form) { ["To"] = "+18005550000" };

        TwilioSignature.Verify(Token, signature, Url, tampered).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Different_url_is_refused()
    {
        TwilioSignature.Verify(Token, Independent(Url, Form), "https://mycompany.com/other", Form).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void Missing_header_is_refused()
    {
        TwilioSignature.Verify(Token, null, Url, Form).ShouldBe(SignatureCheck.Missing);
    }

    [Fact]
    public void Header_that_is_not_a_sha1_mac_is_malformed()
    {
        TwilioSignature.Verify(Token, "bm90IGEgbWFj", Url, Form).ShouldBe(SignatureCheck.Malformed);
    }
}
