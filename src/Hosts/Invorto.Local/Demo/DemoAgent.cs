using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invorto.Application.Tenants.CreateTenant;

namespace Invorto.Local.Demo;

/// <summary>
/// The demo's tenant and agent: the tenant made by the same application service as <c>Invorto.Api create-tenant</c>,
/// the agent through <c>POST /v1/agents</c> with the tenant's admin key, as a user makes one. The agent runs on the
/// offline providers (eSpeak NG, PocketSphinx, the rules engine) and has one tool, the local calendar.
/// </summary>
internal sealed record DemoAgent(Guid TenantId, string ApiKey, Guid AgentId)
{
    public const string TenantName = "demo";
    public const string ToolName = "book_meeting";
    public const string BookingLine = "book a meeting for tomorrow morning";
    public const string GoodbyeLine = "thank you goodbye";

    public static async Task<DemoAgent> CreateAsync(DemoPlatform platform, Uri toolUrl, HttpClient api, CancellationToken cancellationToken)
    {
        TenantCreated tenant;
        await using (var scope = platform.Api.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand(TenantName), cancellationToken);
            tenant = result.IsSuccess ? result.Value : throw new DemoFailedException($"Cannot create the demo tenant: {result.Error.Message}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/agents")
        {
            Content = JsonContent.Create(new { name = "Demo front desk", config = Config(toolUrl) }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey) },
        };
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoFailedException($"POST /v1/agents answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var agent = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return new DemoAgent(tenant.TenantId, tenant.ApiKey, agent.GetProperty("id").GetGuid());
    }

    /// <summary>The agent configuration, as a user would write it in JSON.</summary>
    public static object Config(Uri toolUrl) => new
    {
        prompt = "You are the front desk of a small office. You book meetings in the calendar.",
        firstMessage = "Hello, this is the front desk. How can I help you?",
        locale = "en-US",
        voice = new { provider = "espeak", voiceId = "en-us" },
        asr = new { provider = "pocketsphinx", language = "en-US" },
        llm = new { provider = "rules" },
        endCall = new { phrases = new[] { "goodbye" } },
        tools = new[]
        {
            new
            {
                name = ToolName,
                description = "Books a meeting in the calendar.",
                method = "POST",
                url = toolUrl.ToString(),
                inputSchema = new
                {
                    type = "object",
                    properties = new
                    {
                        day = new { type = "string", description = "the day of the meeting" },
                        time = new { type = "string", description = "the time of day" },
                    },
                    required = new[] { "day", "time" },
                },
            },
        },
        rules = new
        {
            intents = new object[]
            {
                new { name = "book", examples = new[] { BookingLine, "book a meeting" }, tool = ToolName, reply = "Done, your meeting is in the calendar. Is there anything else?" },
                new { name = "goodbye", examples = new[] { GoodbyeLine, "goodbye" }, reply = "You are welcome. Goodbye!" },
            },
        },
    };
}
