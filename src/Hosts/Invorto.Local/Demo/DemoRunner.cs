using System.Text.Json;

namespace Invorto.Local.Demo;

/// <summary>
/// The newcomer demo: an isolated platform on the embedded defaults, a local calendar as the agent's tool, a tenant and
/// an agent made as a user makes them, and one simulated web call through the real pipeline (eSpeak NG speech in,
/// PocketSphinx recognition, the rules engine with one tool call, eSpeak NG speech out). Prints what happened and
/// writes both sides' audio as WAV files.
/// </summary>
public static class DemoRunner
{
    public static async Task<DemoReport> RunAsync(DemoSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            return await RunCallAsync(settings, new DemoPrinter(output), deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DemoFailedException($"The demo did not finish within {settings.Timeout.TotalSeconds} s.");
        }
    }

    private static async Task<DemoReport> RunCallAsync(DemoSettings settings, DemoPrinter printer, CancellationToken token)
    {
        printer.Title();

        await using var calendar = await CalendarEndpoint.StartAsync(token);
        await using var platform = await DemoPlatform.StartAsync(settings.Compose, token);
        printer.Platform(platform, calendar.Bookings);

        using var api = new HttpClient { BaseAddress = platform.ApiBase, Timeout = TimeSpan.FromSeconds(10) };
        var agent = await DemoAgent.CreateAsync(platform, calendar.Bookings, api, token);
        printer.Agent(agent);

        Guid callId;
        string? endReason;
        IReadOnlyList<CallerTurn> said;
        IReadOnlyList<DemoAudioFile> audio;
        await using (var caller = await DemoCaller.CallAsync(platform.RealtimeVoice, agent.ApiKey, agent.AgentId, token))
        {
            callId = caller.CallId;
            printer.CallStarted(callId, platform.RealtimeVoice);
            await caller.WaitForAgentToFinishAsync(after: 0, token);
            var booking = await caller.SayAsync(DemoAgent.BookingLine, token);
            printer.Said(booking);
            await caller.WaitForAgentToFinishAsync(booking.FirstAudioAt, token);
            var goodbye = await caller.SayAsync(DemoAgent.GoodbyeLine, token);
            printer.Said(goodbye);
            await caller.WaitForEndAsync(token);
            endReason = caller.EndReason;
            said = [booking, goodbye];
            audio = await WriteAudioAsync(settings.OutputDirectory, caller, token);
            foreach (var error in caller.Errors)
            {
                printer.Warning($"the platform sent an error: {error}");
            }
        }

        var record = await CallRecord.ReadAsync(api, agent.ApiKey, callId, token);
        var report = new DemoReport(
            callId,
            endReason,
            record.Transcript(),
            ToolCall(record, calendar),
            [.. said.Select((turn, i) => new DemoTurn(turn.Said, turn.Recognized, turn.Confidence, turn.EndOfTurnMs, turn.FirstAudioMs, record.StepsOfTurn(i + 1)))],
            record.Kpis,
            settings.OutputDirectory,
            audio);
        printer.Report(report);
        Verify(report);
        printer.Done();
        return report;
    }

    private static DemoToolCall? ToolCall(CallRecord record, CalendarEndpoint calendar)
    {
        if (record.ToolOutcome() is not { } outcome)
        {
            return null;
        }

        var succeeded = CallRecord.Type(outcome) == "tool.succeeded";
        return new DemoToolCall(
            CallRecord.Text(outcome, "name") ?? string.Empty,
            calendar.Bookings.ToString(),
            calendar.Received,
            succeeded,
            outcome.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null,
            outcome.TryGetProperty("durationMs", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetDouble() : null,
            CallRecord.Text(outcome, "result"),
            succeeded ? null : $"{CallRecord.Text(outcome, "code")}: {CallRecord.Text(outcome, "error")}");
    }

    private static async Task<IReadOnlyList<DemoAudioFile>> WriteAudioAsync(string directory, DemoCaller caller, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var callerPcm = caller.CallerAudio.ToArray();
        var agentPcm = caller.AgentAudio.ToArray();
        var files = new List<DemoAudioFile>();
        async Task AddAsync(string name, string content, Func<string, Task> write, int bytes)
        {
            var path = Path.Combine(directory, name);
            await write(path);
            files.Add(new DemoAudioFile(path, content, Math.Round(bytes / 2.0 / DemoCaller.SampleRate, 1)));
        }

        await AddAsync("caller.wav", "what the caller sent (mono)", path => WavFile.WriteMonoAsync(path, DemoCaller.SampleRate, callerPcm, cancellationToken), callerPcm.Length);
        await AddAsync("agent.wav", "what the agent sent back (mono)", path => WavFile.WriteMonoAsync(path, DemoCaller.SampleRate, agentPcm, cancellationToken), agentPcm.Length);
        await AddAsync("call.wav", "both: caller left, agent right", path => WavFile.WriteStereoAsync(path, DemoCaller.SampleRate, callerPcm, agentPcm, cancellationToken), Math.Max(callerPcm.Length, agentPcm.Length));
        return files;
    }

    private static void Verify(DemoReport report)
    {
        if (report.ToolCall is null || report.ToolCall.ReceivedBodies.Count == 0)
        {
            throw new DemoFailedException($"The agent did not call {DemoAgent.ToolName}: the caller's request was not recognized as a booking (see the transcript above).");
        }

        if (!report.ToolCall.Succeeded)
        {
            throw new DemoFailedException($"The tool call failed: {report.ToolCall.Error}");
        }

        if (report.EndReason != "agent")
        {
            throw new DemoFailedException($"The call ended with '{report.EndReason}', not by the agent after its goodbye.");
        }
    }
}
