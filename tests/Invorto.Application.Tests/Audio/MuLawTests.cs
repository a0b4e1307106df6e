using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class MuLawTests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(-1, 0x7F)]
    [InlineData(1000, 0xCE)]
    public void Known_samples_encode_to_their_code(short sample, int code)
    {
        MuLaw.Encode(sample).ShouldBe((byte)code);
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xCE, 988)]
    public void Known_codes_decode_to_their_sample(int code, short sample)
    {
        MuLaw.Decode((byte)code).ShouldBe(sample);
    }

    [Fact]
    public void Every_sample_round_trips_within_half_a_quantization_step()
    {
        for (int x = short.MinValue; x <= short.MaxValue; x++)
        {
            int decoded = MuLaw.Decode(MuLaw.Encode((short)x));

            var magnitude = Math.Abs(x);
            if (magnitude <= 32635)
            {
                ((double)Math.Abs(decoded - x)).ShouldBeLessThanOrEqualTo((magnitude + 132) / 32.0, $"sample {x}");
            }
            else
            {
                decoded.ShouldBe(Math.Sign(x) * 32124, $"sample {x}");
            }
        }
    }

    [Fact]
    public void Encoding_preserves_order()
    {
        int previous = MuLaw.Decode(MuLaw.Encode(short.MinValue));
        for (int x = short.MinValue + 1; x <= short.MaxValue; x++)
        {
            int decoded = MuLaw.Decode(MuLaw.Encode((short)x));
            decoded.ShouldBeGreaterThanOrEqualTo(previous, $"sample {x}");
            previous = decoded;
        }
    }

    [Fact]
    public void Every_code_survives_decode_then_encode()
    {
        for (var code = 0; code < 256; code++)
        {
            var decoded = MuLaw.Decode((byte)code);

            MuLaw.Decode(MuLaw.Encode(decoded)).ShouldBe(decoded);
        }
    }

    [Fact]
    public void Span_conversion_matches_sample_conversion()
    {
        var samples = Enumerable.Range(short.MinValue, 65536).Select(x => (short)x).ToArray();
        var pcm = Signals.ToBytes(samples);
        var ulaw = new byte[samples.Length];
        var decoded = new byte[pcm.Length];

        MuLaw.Encode(pcm, ulaw);
        MuLaw.Decode(ulaw, decoded);

        ulaw.ShouldBe(samples.Select(MuLaw.Encode).ToArray());
        Signals.ToSamples(decoded).ShouldBe(ulaw.Select(MuLaw.Decode).ToArray());
    }

    [Fact]
    public void Too_small_destinations_are_refused()
    {
        Should.Throw<ArgumentException>(() => MuLaw.Encode(new byte[640], new byte[319]));
        Should.Throw<ArgumentException>(() => MuLaw.Decode(new byte[160], new byte[319]));
    }
}
