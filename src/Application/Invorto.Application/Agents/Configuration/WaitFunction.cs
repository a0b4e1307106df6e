using System.Globalization;

namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// The endpointing wait as an arithmetic expression in <c>x</c> (spec §3): numbers, <c>x</c>, <c>+ - * /</c>,
/// parentheses and unary minus. Parsed once by a small recursive-descent parser into a tree of closures;
/// nothing the client writes is ever compiled or evaluated as code.
/// </summary>
public sealed class WaitFunction
{
    public const int MaxLength = 200;
    private const int MaxDepth = 32;

    private readonly Func<double, double> _evaluate;

    private WaitFunction(string expression, Func<double, double> evaluate)
    {
        Expression = expression;
        _evaluate = evaluate;
    }

    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>; on failure <paramref name="problem"/> says where and why.</summary>
    public static bool TryParse(string? expression, out WaitFunction? function, out string? problem)
    {
        function = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            problem = "must not be empty";
            return false;
        }

        if (expression.Length > MaxLength)
        {
            problem = $"must be at most {MaxLength} characters";
            return false;
        }

        var parser = new Parser(expression);
        var evaluate = parser.ParseAll(out problem);
        if (evaluate is null)
        {
            return false;
        }

        function = new WaitFunction(expression, evaluate);
        return true;
    }

    /// <summary>The wait in milliseconds for <paramref name="x"/>, the probability that the caller has not finished.</summary>
    public double Evaluate(double x) => _evaluate(x);

    private sealed class Parser(string text)
    {
        private int _position;
        private int _depth;
        private string? _problem;

        public Func<double, double>? ParseAll(out string? problem)
        {
            var result = ParseSum();
            SkipSpaces();
            if (result is not null && _position < text.Length)
            {
                Fail($"has an unexpected '{text[_position]}' at position {_position + 1}");
                result = null;
            }

            problem = _problem;
            return result;
        }

        private Func<double, double>? ParseSum()
        {
            var left = ParseProduct();
            while (left is not null && TryTake('+', '-', out var op))
            {
                var right = ParseProduct();
                if (right is null)
                {
                    return null;
                }

                var l = left;
                left = op == '+' ? x => l(x) + right(x) : x => l(x) - right(x);
            }

            return left;
        }

        private Func<double, double>? ParseProduct()
        {
            var left = ParseUnary();
            while (left is not null && TryTake('*', '/', out var op))
            {
                var right = ParseUnary();
                if (right is null)
                {
                    return null;
                }

                var l = left;
                left = op == '*' ? x => l(x) * right(x) : x => l(x) / right(x);
            }

            return left;
        }

        private Func<double, double>? ParseUnary()
        {
            if (++_depth > MaxDepth)
            {
                return Fail("is nested too deeply");
            }

            try
            {
                if (TryTake('-', '-', out _))
                {
                    var operand = ParseUnary();
                    return operand is null ? null : x => -operand(x);
                }

                return ParsePrimary();
            }
            finally
            {
                _depth--;
            }
        }

        private Func<double, double>? ParsePrimary()
        {
            SkipSpaces();
            if (_position >= text.Length)
            {
                return Fail("ends where a number, x or '(' was expected");
            }

            var c = text[_position];
            if (c == 'x')
            {
                _position++;
                return x => x;
            }

            if (c == '(')
            {
                _position++;
                var inner = ParseSum();
                if (inner is null)
                {
                    return null;
                }

                return TryTake(')', ')', out _) ? inner : Fail($"is missing ')' at position {_position + 1}");
            }

            if (char.IsAsciiDigit(c) || c == '.')
            {
                var start = _position;
                while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
                {
                    _position++;
                }

                if (!double.TryParse(text.AsSpan(start, _position - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    return Fail($"has a malformed number at position {start + 1}");
                }

                return _ => number;
            }

            return Fail($"has an unexpected '{c}' at position {_position + 1}; only numbers, x, + - * / and parentheses are allowed");
        }

        private bool TryTake(char first, char second, out char taken)
        {
            SkipSpaces();
            if (_position < text.Length && (text[_position] == first || text[_position] == second))
            {
                taken = text[_position++];
                return true;
            }

            taken = default;
            return false;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private Func<double, double>? Fail(string problem)
        {
            _problem ??= problem;
            return null;
        }
    }
}
