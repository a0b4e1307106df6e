using Microsoft.Win32.SafeHandles;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>Owns a <c>ps_decoder_t*</c> and frees it with <c>ps_free</c>.</summary>
internal sealed class PocketSphinxDecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PocketSphinxDecoderHandle()
        : base(ownsHandle: true)
    {
    }

    public PocketSphinxDecoderHandle(IntPtr decoder)
        : base(ownsHandle: true)
    {
        SetHandle(decoder);
    }

    protected override bool ReleaseHandle() => PocketSphinxNative.Free(handle) >= 0;
}
