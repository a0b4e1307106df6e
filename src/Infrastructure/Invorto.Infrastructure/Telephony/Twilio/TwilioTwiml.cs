using System.Xml.Linq;

namespace Invorto.Infrastructure.Telephony.Twilio;

/// <summary>TwiML documents our Twilio hooks answer with.</summary>
public static class TwilioTwiml
{
    /// <summary><c>&lt;Connect&gt;&lt;Stream&gt;</c> to the realtime host, with our ids as custom parameters (spec §6).</summary>
    public static string ConnectStream(Uri streamUrl, IReadOnlyDictionary<string, string> parameters, string? consentPrompt)
    {
        var stream = new XElement("Stream", new XAttribute("url", streamUrl.ToString()));
        foreach (var (name, value) in parameters)
        {
            stream.Add(new XElement("Parameter", new XAttribute("name", name), new XAttribute("value", value)));
        }

        var response = new XElement("Response");
        if (!string.IsNullOrWhiteSpace(consentPrompt))
        {
            response.Add(new XElement("Say", consentPrompt));
        }

        response.Add(new XElement("Connect", stream));
        return Document(response);
    }

    public static string NotInService() =>
        Document(new XElement("Response", new XElement("Say", "This number is not in service."), new XElement("Hangup")));

    public static string AllLinesBusy() =>
        Document(new XElement("Response", new XElement("Say", "All our lines are busy right now. Please call again later."), new XElement("Hangup")));

    public static string Dial(string number) =>
        Document(new XElement("Response", new XElement("Dial", number)));

    private static string Document(XElement response) =>
        new XDeclaration("1.0", "UTF-8", null) + response.ToString(SaveOptions.DisableFormatting);
}
