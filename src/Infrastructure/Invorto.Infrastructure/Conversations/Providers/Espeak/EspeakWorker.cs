using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>
/// The one thread that talks to libespeak-ng. The library keeps its voice, its parameters and its callback in
/// process-wide state and is not thread-safe, so there is exactly one worker per process (<see cref="Shared"/>, started
/// on first use) and jobs are synthesized one after another. eSpeak speaks about a thousand times faster than real time
/// (a 7 s sentence costs about 8 ms of CPU), so queueing behind another call's sentence costs little. Audio reaches the
/// callback in 50 ms buffers, is resampled from eSpeak's 22050 Hz to the job's rate and handed to the job's reader at once.
/// </summary>
internal sealed class EspeakWorker
{
    public const string ProviderName = "espeak";
    private const int CallbackBufferMs = 50;

    /// <summary><c>espeakINITIALIZE_DONT_EXIT</c>: report a missing data directory instead of calling exit().</summary>
    private const int InitializeDontExit = 0x8000;
    private const int MaxRememberedVoices = 256;

    private static readonly Lazy<EspeakWorker> Instance = new(() => new EspeakWorker(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly BlockingCollection<EspeakJob> _jobs = [];
    private readonly EspeakNative.SynthCallback _callback;
    private readonly Dictionary<int, PolyphaseFilter> _filters = [];
    private readonly Dictionary<string, bool> _voices = new(StringComparer.OrdinalIgnoreCase);
    private short[] _samples = new short[4096];
    private EspeakJob? _current;
    private PolyphaseResampler? _resampler;
    private Exception? _callbackError;
    private int _nativeRate;
    private string? _voice;
    private int _wordsPerMinute = -1;

    private EspeakWorker()
    {
        _callback = OnAudio;
        var thread = new Thread(Run) { IsBackground = true, Name = "espeak-ng" };
        thread.Start();
    }

    public static EspeakWorker Shared => Instance.Value;

    public void Enqueue(EspeakJob job) => _jobs.Add(job);

    private static ProviderException NotInstalled(Exception? inner = null) =>
        new(ProviderName, ProviderFailureKind.Unavailable, "espeak-ng is not installed: apt-get install espeak-ng", inner);

    private void Run()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            Synthesize(job);
        }
    }

    private void Synthesize(EspeakJob job)
    {
        if (job.Stopped)
        {
            job.MarkAborted();
            job.Finish();
            return;
        }

        try
        {
            EnsureInitialized();
            SelectVoice(job.Voices);
            SelectRate(job.WordsPerMinute);
            _current = job;
            _callbackError = null;
            _resampler = job.SampleRate == _nativeRate ? null : new PolyphaseResampler(FilterFor(job.SampleRate));
            var result = EspeakNative.Synth(job.Text, (nuint)job.Text.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8, IntPtr.Zero, IntPtr.Zero);
            if (_callbackError is not null)
            {
                throw new ProviderException(ProviderName, ProviderFailureKind.Protocol, "espeak-ng's audio could not be converted.", _callbackError);
            }

            if (result != EspeakNative.Ok && !job.Stopped)
            {
                throw new ProviderException(ProviderName, ProviderFailureKind.Unavailable, $"espeak-ng failed to synthesize the text (error {result}).");
            }

            if (!job.Stopped)
            {
                FlushResampler(job);
            }

            job.Finish();
        }
        catch (ProviderException exception)
        {
            job.Finish(exception);
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            job.Finish(NotInstalled(exception));
        }
        finally
        {
            _current = null;
            _resampler = null;
        }
    }

    private void EnsureInitialized()
    {
        if (_nativeRate > 0)
        {
            return;
        }

        var rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, CallbackBufferMs, IntPtr.Zero, InitializeDontExit);
        if (rate <= 0)
        {
            throw new ProviderException(ProviderName, ProviderFailureKind.Unavailable, "espeak-ng could not load its voice data: apt-get install espeak-ng-data");
        }

        EspeakNative.SetSynthCallback(Marshal.GetFunctionPointerForDelegate(_callback));
        _nativeRate = rate;
    }

    private void SelectVoice(IReadOnlyList<string> candidates)
    {
        foreach (var name in candidates)
        {
            if (string.Equals(name, _voice, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (_voices.TryGetValue(name, out var known) && !known)
            {
                continue;
            }

            var found = EspeakNative.SetVoiceByName(name) == EspeakNative.Ok;
            if (_voices.Count >= MaxRememberedVoices)
            {
                _voices.Clear();
            }

            _voices[name] = found;
            if (found)
            {
                _voice = name;

                // A new voice brings its own speed.
                _wordsPerMinute = -1;
                return;
            }
        }

        throw new ProviderException(ProviderName, ProviderFailureKind.Unavailable, $"espeak-ng has none of the voices {string.Join(", ", candidates)}: apt-get install espeak-ng-data");
    }

    private void SelectRate(int wordsPerMinute)
    {
        if (wordsPerMinute == _wordsPerMinute)
        {
            return;
        }

        if (EspeakNative.SetParameter(EspeakNative.ParameterRate, wordsPerMinute, 0) != EspeakNative.Ok)
        {
            throw new ProviderException(ProviderName, ProviderFailureKind.Unavailable, $"espeak-ng refused the speaking rate {wordsPerMinute} words per minute.");
        }

        _wordsPerMinute = wordsPerMinute;
    }

    private PolyphaseFilter FilterFor(int sampleRate)
    {
        if (!_filters.TryGetValue(sampleRate, out var filter))
        {
            filter = PolyphaseFilter.Create(_nativeRate, sampleRate);
            _filters[sampleRate] = filter;
        }

        return filter;
    }

    /// <summary>Called by libespeak-ng on this thread, inside <see cref="EspeakNative.Synth"/>; nothing may throw out of it.</summary>
    private int OnAudio(IntPtr samples, int count, IntPtr events)
    {
        var job = _current;
        if (job is null || job.Stopped)
        {
            job?.MarkAborted();
            return 1;
        }

        if (samples == IntPtr.Zero || count <= 0)
        {
            return 0;
        }

        try
        {
            if (_samples.Length < count)
            {
                _samples = new short[Math.Max(count, _samples.Length * 2)];
            }

            Marshal.Copy(samples, _samples, 0, count);
            Deliver(job, _samples.AsSpan(0, count));
            return 0;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or OutOfMemoryException)
        {
            _callbackError = exception;
            job.MarkAborted();
            return 1;
        }
    }

    private void Deliver(EspeakJob job, ReadOnlySpan<short> samples)
    {
        if (_resampler is null)
        {
            var copy = ArrayPool<byte>.Shared.Rent(samples.Length * 2);
            MemoryMarshal.AsBytes(samples).CopyTo(copy);
            job.Write(copy, samples.Length * 2);
            return;
        }

        var capacity = _resampler.MaxOutputSamples(samples.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity * 2);
        var written = _resampler.Process(samples, MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, capacity * 2)));
        Hand(job, buffer, written);
    }

    private void FlushResampler(EspeakJob job)
    {
        if (_resampler is null)
        {
            return;
        }

        var capacity = _resampler.MaxOutputSamples(0);
        var buffer = ArrayPool<byte>.Shared.Rent(capacity * 2);
        var written = _resampler.Flush(MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, capacity * 2)));
        Hand(job, buffer, written);
    }

    private static void Hand(EspeakJob job, byte[] buffer, int samples)
    {
        if (samples == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        job.Write(buffer, samples * 2);
    }
}
