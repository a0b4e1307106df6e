namespace Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

/// <summary>A decoded utterance: its words, and the frames and acoustic score of the words (silence and noise left out).</summary>
internal readonly record struct PocketSphinxUtterance(string Text, int WordFrames, long AcousticScore);
