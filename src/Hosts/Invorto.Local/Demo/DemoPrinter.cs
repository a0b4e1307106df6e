using System.Globalization;

namespace Invorto.Local.Demo;

/// <summary>The demo's console output: what is being set up, the call as it goes, and the report at the end.</summary>
internal sealed class DemoPrinter(TextWriter output)
{
    private static readonly string[] KpiOrder = ["turns", "turnLatencyP50Ms", "eouP50Ms", "asrFirstPartialP50Ms", "llmFirstTokenP50Ms", "ttsFirstChunkP50Ms"];

    public void Title()
    {
        output.WriteLine("Invorto demo: one simulated inbound web call through the real pipeline, on the offline providers (no keys, no servers).");
        output.WriteLine();
    }

    public void Platform(DemoPlatform platform, Uri calendar)
    {
        output.WriteLine($"Platform   {string.Join(" | ", platform.Addresses.Select(entry => $"{entry.Service.Name} {entry.Url}"))}");
        output.WriteLine($"           embedded mode, isolated: SQLite in {platform.DataDirectory} (removed at exit), in-process Redis substitutes");
        output.WriteLine("           WEBHOOK_ALLOW_PRIVATE_TARGETS=true in this demo process only, because the calendar tool listens on http://127.0.0.1 (the product default is false: https and public hosts only)");
        output.WriteLine($"Calendar   POST {calendar} (a local endpoint that books meetings: the agent's tool)");
    }

    public void Agent(DemoAgent agent)
    {
        output.WriteLine($"Agent      {agent.AgentId}, created with POST /v1/agents by tenant '{DemoAgent.TenantName}' ({agent.TenantId}):");
        output.WriteLine($"           eSpeak NG voice, PocketSphinx recognition, rules engine with intents 'book' (tool {DemoAgent.ToolName}) and 'goodbye'");
    }

    public void CallStarted(Guid callId, Uri voice)
    {
        output.WriteLine();
        output.WriteLine($"Call       {callId} over {voice}; the agent greets the caller...");
    }

    public void Said(CallerTurn turn) =>
        output.WriteLine($"           caller said \"{turn.Said}\", the platform heard \"{turn.Recognized}\", the agent answered after {Ms(turn.FirstAudioMs)}");

    public void Warning(string message) => output.WriteLine($"Warning: {message}");

    public void Report(DemoReport report)
    {
        output.WriteLine();
        output.WriteLine("Transcript (caller lines as recognized, agent lines as spoken)");
        foreach (var line in report.Transcript)
        {
            output.WriteLine($"  {line.Speaker,-7} {line.Text}");
        }

        output.WriteLine($"  (the call ended: {report.EndReason ?? "no end message"})");
        output.WriteLine();
        ToolCall(report.ToolCall);
        output.WriteLine();
        Turns(report);
        output.WriteLine();
        output.WriteLine($"Audio      PCM16 16 kHz WAV, both sides on the call's clock, in {report.OutputDirectory}");
        foreach (var file in report.Audio)
        {
            output.WriteLine($"  {file.Path}  {file.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s  {file.Content}");
        }
    }

    public void Done()
    {
        output.WriteLine();
        output.WriteLine("Demo finished: the call went through recognition, the rules engine, the tool and speech as scripted.");
    }

    private void ToolCall(DemoToolCall? call)
    {
        output.WriteLine("Tool call");
        if (call is null)
        {
            output.WriteLine("  none: the agent called no tool");
            return;
        }

        output.WriteLine($"  {call.Name}  POST {call.Url}");
        foreach (var body in call.ReceivedBodies)
        {
            output.WriteLine($"  arguments  {body}  (read from the caller's words by the rules engine; what the calendar received)");
        }

        output.WriteLine(call.Succeeded
            ? $"  result     HTTP {call.HttpStatus} in {Ms(call.DurationMs ?? 0)}: {call.Result}  (the agent then speaks its intent's reply, never the raw result)"
            : $"  failed     {call.Error}");
    }

    private void Turns(DemoReport report)
    {
        output.WriteLine("Turn latencies, measured by the demo's client from the caller's last voiced frame sent:");
        output.WriteLine("  to the end of the turn (stt.final received) and to the agent's first audio frame received");
        for (var i = 0; i < report.Turns.Count; i++)
        {
            var turn = report.Turns[i];
            var confidence = turn.Confidence is { } c ? $", confidence {c.ToString("0.00", CultureInfo.InvariantCulture)}" : string.Empty;
            output.WriteLine($"  turn {i + 1}  \"{turn.Recognized}\"{confidence}: end of turn {Ms(turn.EndOfTurnMs)}, first agent audio {Ms(turn.FirstAudioMs)}");
            if (turn.ServerSteps.Count > 0)
            {
                output.WriteLine($"          platform: {string.Join(", ", turn.ServerSteps.Select(step => $"{step.Name} {Ms(step.Milliseconds)}"))}");
            }
        }

        var kpis = KpiOrder.Where(report.CallKpis.ContainsKey).Select(name => $"{name} {report.CallKpis[name].ToString("0.#", CultureInfo.InvariantCulture)}");
        output.WriteLine($"  call KPIs (GET /v1/calls/{report.CallId}): {string.Join(", ", kpis)}");
    }

    private static string Ms(double milliseconds) => $"{milliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms";
}
