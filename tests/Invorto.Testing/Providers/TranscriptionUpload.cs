namespace Invorto.Testing.Providers;

/// <summary>One multipart upload received by <see cref="FakeTranscriptionServer"/>: its form fields and the parsed WAV file.</summary>
public sealed record TranscriptionUpload(
    string Authorization,
    string Model,
    string? Language,
    string ResponseFormat,
    string? FileName,
    string? FileContentType,
    UploadedWav Wav);
