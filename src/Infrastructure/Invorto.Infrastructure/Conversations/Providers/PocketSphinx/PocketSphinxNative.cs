using System.Runtime.InteropServices;

namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>
/// The functions of PocketSphinx 5prealpha (Debian <c>libpocketsphinx3</c>, with <c>libsphinxbase3</c>) the recognizer
/// calls. The configuration is built with <c>cmd_ln_parse_r</c> and <c>cmd_ln_set_str_r</c> (<c>cmd_ln_init</c> is
/// variadic); the decoder retains the configuration, so the caller frees its own reference after <c>ps_init</c>.
/// </summary>
internal static class PocketSphinxNative
{
    public const string Library = "libpocketsphinx.so.3";
    public const string BaseLibrary = "libsphinxbase.so.3";

    [DllImport(Library, EntryPoint = "ps_args")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr Arguments();

    [DllImport(BaseLibrary, EntryPoint = "cmd_ln_parse_r")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr ParseConfig(IntPtr config, IntPtr definitions, int argc, IntPtr[] argv, int strict);

    /// <summary>Copies <paramref name="value"/>; valid for string options only.</summary>
    [DllImport(BaseLibrary, EntryPoint = "cmd_ln_set_str_r")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void SetConfigString(IntPtr config, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value);

    [DllImport(BaseLibrary, EntryPoint = "cmd_ln_free_r")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int FreeConfig(IntPtr config);

    [DllImport(Library, EntryPoint = "ps_init")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr Init(IntPtr config);

    [DllImport(Library, EntryPoint = "ps_free")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Free(IntPtr decoder);

    /// <summary>Returns the word's id (≥ 0) or a negative number; an alternative pronunciation is named <c>word(2)</c>.</summary>
    [DllImport(Library, EntryPoint = "ps_add_word")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int AddWord(PocketSphinxDecoderHandle decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string word, [MarshalAs(UnmanagedType.LPUTF8Str)] string phones, int update);

    [DllImport(Library, EntryPoint = "ps_set_jsgf_string")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetJsgfString(PocketSphinxDecoderHandle decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string jsgf);

    [DllImport(Library, EntryPoint = "ps_set_search")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SetSearch(PocketSphinxDecoderHandle decoder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport(Library, EntryPoint = "ps_start_utt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int StartUtterance(PocketSphinxDecoderHandle decoder);

    [DllImport(Library, EntryPoint = "ps_end_utt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int EndUtterance(PocketSphinxDecoderHandle decoder);

    /// <summary>Returns the number of frames searched, or a negative number on error.</summary>
    [DllImport(Library, EntryPoint = "ps_process_raw")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int ProcessRaw(PocketSphinxDecoderHandle decoder, ref short samples, nuint count, int noSearch, int fullUtterance);

    /// <summary>The best hypothesis so far (owned by the decoder, valid until its next call), or null.</summary>
    [DllImport(Library, EntryPoint = "ps_get_hyp")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr Hypothesis(PocketSphinxDecoderHandle decoder, out int score);

    [DllImport(Library, EntryPoint = "ps_seg_iter")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr SegmentIterator(PocketSphinxDecoderHandle decoder);

    /// <summary>Advances the iterator; returns null (and frees it) after the last segment.</summary>
    [DllImport(Library, EntryPoint = "ps_seg_next")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr NextSegment(IntPtr segment);

    [DllImport(Library, EntryPoint = "ps_seg_word")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern IntPtr SegmentWord(IntPtr segment);

    [DllImport(Library, EntryPoint = "ps_seg_frames")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern void SegmentFrames(IntPtr segment, out int startFrame, out int endFrame);

    [DllImport(Library, EntryPoint = "ps_seg_prob")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int SegmentProbability(IntPtr segment, out int acousticScore, out int languageScore, out int languageBackoff);
}
