using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Agents;

/// <summary>
/// What an analyst key may read of an agent: everything but the values of its tools' headers, which carry credentials
/// (written inline or as <c>${secrets.name}</c> references); the header names stay, so the shape is still visible.
/// </summary>
public static class AgentConfigRedaction
{
    public const string Redacted = "***";

    public static AgentDto ForRole(AgentDto agent, ApiKeyRole role)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return role == ApiKeyRole.Analyst ? agent with { Config = RedactToolHeaders(agent.Config) } : agent;
    }

    public static JsonElement RedactToolHeaders(JsonElement config)
    {
        if (JsonNode.Parse(config.GetRawText()) is not JsonObject root || root["tools"] is not JsonArray tools)
        {
            return config;
        }

        foreach (var tool in tools.OfType<JsonObject>())
        {
            if (tool["headers"] is JsonObject headers)
            {
                foreach (var name in headers.Select(header => header.Key).ToList())
                {
                    headers[name] = Redacted;
                }
            }
        }

        return JsonSerializer.SerializeToElement(root);
    }
}
