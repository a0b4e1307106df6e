using System.Runtime.InteropServices;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// The process's PocketSphinx resources (register one as a singleton): the pronunciation dictionary (read on first use),
/// each agent version's grammar, built once, and pools of decoders ready for that grammar. A decoder costs about 8 ms and
/// 4 MB to create; one is rented per recognition stream and returned when the stream ends. Nothing native is touched
/// until the first stream starts, so a host without PocketSphinx installed starts normally; the stream then fails with a
/// <see cref="ProviderException"/> (<c>pocketsphinx</c>, Unavailable) that names the packages to install.
/// </summary>
public sealed class PocketSphinxModel(PocketSphinxOptions options) : IDisposable
{
    private static readonly string[] AcousticModelFiles = ["mdef", "means", "variances", "transition_matrices", "feat.params", "noisedict"];

    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid AgentId, int Version), PocketSphinxDecoderPool> _pools = [];
    private PocketSphinxDictionary? _dictionary;
    private string? _narrowbandFeatures;
    private bool _narrowbandChecked;
    private bool _checked;
    private long _uses;
    private bool _disposed;

    public PocketSphinxOptions Options { get; } = options;

    /// <summary>Whether the libraries load and the model files are where <see cref="PocketSphinxOptions.ModelDirectory"/> says.</summary>
    public bool IsInstalled()
    {
        try
        {
            EnsureInstalled();
            return true;
        }
        catch (ProviderException)
        {
            return false;
        }
    }

    /// <summary>Throws a <see cref="ProviderException"/> naming what to install when the libraries or the model are missing.</summary>
    public void EnsureInstalled()
    {
        if (Volatile.Read(ref _checked))
        {
            return;
        }

        foreach (var library in new[] { PocketSphinxNative.BaseLibrary, PocketSphinxNative.Library })
        {
            if (!NativeLibrary.TryLoad(library, typeof(PocketSphinxModel).Assembly, DllImportSearchPath.SafeDirectories, out var handle))
            {
                throw new ProviderException(PocketSphinxRecognizer.ProviderName, ProviderFailureKind.Unavailable, "pocketsphinx is not installed: apt-get install libpocketsphinx3 pocketsphinx-en-us");
            }

            NativeLibrary.Free(handle);
        }

        // PocketSphinx exits the process on some missing model files, so they are checked before it sees them.
        var missing = AcousticModelFiles.Select(file => Path.Combine(Options.AcousticModelPath, file)).Append(Options.DictionaryPath).FirstOrDefault(path => !File.Exists(path));
        if (missing is not null)
        {
            throw new ProviderException(PocketSphinxRecognizer.ProviderName, ProviderFailureKind.Unavailable, $"The PocketSphinx model is missing ({missing}): apt-get install pocketsphinx-en-us, or set POCKETSPHINX_MODEL_DIR");
        }

        Volatile.Write(ref _checked, true);
    }

    /// <summary>The pronunciation dictionary, read on first use (about 134 000 words).</summary>
    public PocketSphinxDictionary PronunciationDictionary()
    {
        if (Volatile.Read(ref _dictionary) is { } loaded)
        {
            return loaded;
        }

        EnsureInstalled();
        lock (_gate)
        {
            _dictionary ??= PocketSphinxDictionary.Load(Options.DictionaryPath);
            return _dictionary;
        }
    }

    /// <summary>The grammar of an agent version, built on first use and kept with the version's decoders.</summary>
    public PocketSphinxGrammar GrammarFor(Guid agentId, int version, AgentConfig config) => Pool(agentId, version, config).Grammar;

    public void Dispose()
    {
        List<PocketSphinxDecoder> idle;
        lock (_gate)
        {
            _disposed = true;
            idle = _pools.Values.SelectMany(pool => pool.TakeAllIdle()).ToList();
            _pools.Clear();
        }

        idle.ForEach(decoder => decoder.Dispose());
    }

    /// <summary>An idle decoder for the agent version and input rate, or a new one (created on the calling thread).</summary>
    internal PocketSphinxDecoder Rent(Guid agentId, int version, AgentConfig config, int inputRate)
    {
        var pool = Pool(agentId, version, config);
        lock (_gate)
        {
            if (pool.TakeIdle(inputRate) is { } idle)
            {
                return idle;
            }
        }

        var features = inputRate < PocketSphinxDecoder.SampleRate ? NarrowbandFeatures() : null;
        return PocketSphinxDecoder.Create(Options.AcousticModelPath, features, PronunciationDictionary(), pool, inputRate);
    }

    /// <summary>Pools a decoder that finished cleanly, or frees it (faulted, pool full, agent version evicted, model disposed).</summary>
    internal void Return(PocketSphinxDecoder decoder)
    {
        lock (_gate)
        {
            var pooled = !_disposed
                && !decoder.Faulted
                && !decoder.InUtterance
                && _pools.ContainsValue(decoder.Owner)
                && decoder.Owner.IdleCount(decoder.InputRate) < Options.MaxIdleDecodersPerAgent;
            if (pooled)
            {
                decoder.Owner.PutIdle(decoder);
                return;
            }
        }

        decoder.Dispose();
    }

    private string? NarrowbandFeatures()
    {
        lock (_gate)
        {
            if (!_narrowbandChecked)
            {
                _narrowbandFeatures = PocketSphinxNarrowband.FeatureParameters(Options.AcousticModelPath);
                _narrowbandChecked = true;
            }

            return _narrowbandFeatures;
        }
    }

    private PocketSphinxDecoderPool Pool(Guid agentId, int version, AgentConfig config)
    {
        var dictionary = PronunciationDictionary();
        List<PocketSphinxDecoder>? evicted = null;
        PocketSphinxDecoderPool pool;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_pools.TryGetValue((agentId, version), out pool!))
            {
                pool = new PocketSphinxDecoderPool(new PocketSphinxGrammarBuilder(dictionary).Build(config));
                if (_pools.Count >= Options.MaxCachedAgents)
                {
                    var oldest = _pools.MinBy(entry => entry.Value.LastUsed);
                    _pools.Remove(oldest.Key);
                    evicted = oldest.Value.TakeAllIdle();
                }

                _pools[(agentId, version)] = pool;
            }

            pool.LastUsed = ++_uses;
        }

        evicted?.ForEach(decoder => decoder.Dispose());
        return pool;
    }
}
