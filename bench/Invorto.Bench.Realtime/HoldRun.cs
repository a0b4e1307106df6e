using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The <c>hold</c> verb: opens <c>--sessions</c> streaming sessions (the caller script included), holds them
/// <c>--hold-sec</c>, then takes <c>--dumps</c> gcdumps of <c>--server-pid</c> into <c>--dump-dir</c>
/// (<c>heap-N-i.gcdump</c> and its report <c>heap-N-i.txt</c>) while they still stream, and closes them. Fails when a
/// session did not get ready or went down.
/// </summary>
public static class HoldRun
{
    public static async Task<int> RunAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        var settings = RunSettings.From(arguments);
        var count = arguments.Number("sessions", 100);
        var hold = TimeSpan.FromSeconds(arguments.Real("hold-sec", 10));
        var dumps = arguments.Number("dumps", 0);
        var dumpDirectory = arguments.Text("dump-dir", ".");
        var pid = settings.ServerPid;
        if (dumps > 0 && pid is null)
        {
            throw new ArgumentException("--dumps needs --server-pid.", nameof(arguments));
        }

        var opener = new SessionOpener(settings, SpeechBurst.Build(700));
        var metrics = new StepMetrics();
        using var senders = new SenderGroup(settings.SenderThreads, settings.Slots);
        senders.Start();
        var opened = await opener.OpenAsync(count, metrics, senders, cancellationToken);
        try
        {
            if (opened.Ready != count)
            {
                Console.Error.WriteLine($"hold: only {opened.Ready} of {count} sessions got ready; first error: {opened.FirstConnectError}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hold: {count} sessions ready in {opened.ConnectSeconds:0.0} s, holding {hold.TotalSeconds:0.#} s"));
            await Task.Delay(hold, cancellationToken);
            Directory.CreateDirectory(dumpDirectory);
            for (var i = 1; i <= dumps; i++)
            {
                if (Down(opened) is > 0 and var before)
                {
                    Console.Error.WriteLine($"hold: {before} of {count} sessions closed or broke before dump {i}");
                    return 1;
                }

                var path = Path.Combine(dumpDirectory, $"heap-{count}-{i}.gcdump");
                await GcdumpTool.CollectAsync(pid!.Value, path, cancellationToken);
                var text = await GcdumpTool.ReportAsync(path, cancellationToken);
                await File.WriteAllTextAsync(Path.ChangeExtension(path, ".txt"), text, cancellationToken);
                var report = GcdumpReport.Parse(text);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  N={count,4} dump {i}: {report.TotalBytes:N0} B, {report.TotalObjects:N0} objects ({path})"));
            }

            if (Down(opened) is > 0 and var after)
            {
                Console.Error.WriteLine($"hold: {after} of {count} sessions closed or broke while held");
                return 1;
            }

            return 0;
        }
        finally
        {
            senders.Stop();
            await opener.CloseAsync(opened.Live, metrics, CancellationToken.None);
        }
    }

    private static int Down(OpenedSessions opened) => opened.Live.Count(s => s.RemoteClosed || s.Broken);
}
