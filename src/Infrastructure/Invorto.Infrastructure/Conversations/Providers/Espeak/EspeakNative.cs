using System.Runtime.InteropServices;

namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>The few functions of the eSpeak NG C library (<c>speak_lib.h</c>) the synthesizer calls.</summary>
internal static class EspeakNative
{
    public const string Library = "libespeak-ng.so.1";

    /// <summary><c>AUDIO_OUTPUT_SYNCHRONOUS</c>: <see cref="Synth"/> returns when the text is spoken, audio goes to the callback.</summary>
    public const int AudioOutputSynchronous = 2;

    public const int Ok = 0;

    /// <summary><c>espeakCHARS_UTF8</c>.</summary>
    public const uint CharsUtf8 = 1;

    /// <summary><c>POS_CHARACTER</c>.</summary>
    public const int PositionCharacter = 1;

    /// <summary><c>espeakRATE</c>: words per minute, 80 to 450, 175 by default.</summary>
    public const int ParameterRate = 1;

    public const int NormalRate = 175;
    public const int MinimumRate = 80;
    public const int MaximumRate = 450;

    /// <summary>Receives synthesized samples; returns 1 to abort the synthesis. <paramref name="samples"/> is null at the end.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate int SynthCallback(IntPtr samples, int count, IntPtr events);

    /// <summary>Returns the output sample rate, or -1 when the voice data cannot be loaded.</summary>
    [DllImport(Library, EntryPoint = "espeak_Initialize")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Initialize(int output, int bufferMilliseconds, IntPtr path, int options);

    [DllImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void SetSynthCallback(IntPtr callback);

    [DllImport(Library, EntryPoint = "espeak_SetVoiceByName")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetVoiceByName([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(Library, EntryPoint = "espeak_SetParameter")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetParameter(int parameter, int value, int relative);

    /// <summary><paramref name="text"/> is NUL-terminated UTF-8; <paramref name="size"/> counts its bytes with the NUL.</summary>
    [DllImport(Library, EntryPoint = "espeak_Synth")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Synth(byte[] text, nuint size, uint position, int positionType, uint endPosition, uint flags, IntPtr uniqueIdentifier, IntPtr userData);
}
