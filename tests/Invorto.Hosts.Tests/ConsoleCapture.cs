using System.Text;

namespace Invorto.Hosts.Tests;

/// <summary>
/// Copies everything written to the console (where the hosts' JSON logs go) while it is alive, still passing it on.
/// Only for tests of the non-parallel <see cref="ApiRateLimitTests.Name"/> collection: the console is process-wide.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly StringBuilder _captured = new();

    public ConsoleCapture()
    {
        Console.SetOut(new TeeWriter(_originalOut, _captured));
        Console.SetError(new TeeWriter(_originalError, _captured));
    }

    public string Text
    {
        get
        {
            lock (_captured)
            {
                return _captured.ToString();
            }
        }
    }

    public void Dispose()
    {
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
    }

    private sealed class TeeWriter(TextWriter inner, StringBuilder captured) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            lock (captured)
            {
                captured.Append(value);
            }

            inner.Write(value);
        }

        public override void Write(string? value)
        {
            lock (captured)
            {
                captured.Append(value);
            }

            inner.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (captured)
            {
                captured.Append(buffer, index, count);
            }

            inner.Write(buffer, index, count);
        }

        public override void Flush() => inner.Flush();
    }
}
