using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class ALawTests
{
    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(1000, 0xFA)]
    public void Known_samples_encode_to_their_code(short sample, int code)
    {
        ALaw.Encode(sample).ShouldBe((byte)code);
    }

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xFA, 1008)]
    public void Known_codes_decode_to_their_sample(int code, short sample)
    {
        ALaw.Decode((byte)code).ShouldBe(sample);
    }

    [Fact]
    public void Every_sample_round_trips_within_half_a_quantization_step()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int decoded = ALaw.Decode(ALaw.Encode((short)x));

            ((double)Math.Abs(decoded - x)).ShouldBeLessThanOrEqualTo(Math.Max(8, Math.Abs(x) / 32.0), $"sample {x}");
        }
    }

    [Fact]
    public void Encoding_preserves_order()
    {
        int previous = ALaw.Decode(ALaw.Encode(short.MinValue));
        for (int x = short.MinValue + 1; x <= short.MaxValue; x++)
        {
            int decoded = ALaw.Decode(ALaw.Encode((short)x));
            decoded.ShouldBeGreaterThanOrEqualTo(previous, $"sample {x}");
            previous = decoded;
        }
    }

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (var code = 0; code < 256; code++)
        {
            ALaw.Encode(ALaw.Decode((byte)code)).ShouldBe((byte)code);
        }
    }

    [Fact]
    public void Span_conversion_matches_sample_conversion()
    {
        var samples = Enumerable.Range(short.MinValue, 65536).Select(x => (short)x).ToArray();
        var pcm = Signals.ToBytes(samples);
        var alaw = new byte[samples.Length];
        var decoded = new byte[pcm.Length];

        ALaw.Encode(pcm, alaw);
        ALaw.Decode(alaw, decoded);

        alaw.ShouldBe(samples.Select(ALaw.Encode).ToArray());
        Signals.ToSamples(decoded).ShouldBe(alaw.Select(ALaw.Decode).ToArray());
    }

    [Fact]
    public void Too_small_destinations_are_refused()
    {
        Should.Throw<ArgumentException>(() => ALaw.Encode(new byte[640], new byte[319]));
        Should.Throw<ArgumentException>(() => ALaw.Decode(new byte[160], new byte[319]));
    }
}
