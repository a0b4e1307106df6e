using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Tests.Agents.Configuration;

public sealed class WaitFunctionTests
{
    private static double Evaluate(string expression, double x)
    {
        WaitFunction.TryParse(expression, out var function, out var problem).ShouldBeTrue(problem);
        return function!.Evaluate(x);
    }

    [Theory]
    [InlineData("200 + 8000 * x", 0.5, 4200)]
    [InlineData("2 * (x + 1)", 1, 4)]
    [InlineData("10 - 4 - 3", 0, 3)]
    [InlineData("8 / 4 / 2", 0, 1)]
    [InlineData("-x * -2", 3, 6)]
    [InlineData("--5", 0, 5)]
    [InlineData(" 1.5 *x ", 2, 3)]
    public void Expression_is_evaluated_with_usual_precedence(string expression, double x, double expected)
    {
        Evaluate(expression, x).ShouldBe(expected, tolerance: 1e-9);
    }

    [Theory]
    [InlineData("x x")]
    [InlineData("1..2")]
    [InlineData("2 ^ x")]
    [InlineData("()")]
    [InlineData("System.Environment.Exit(1)")]
    public void Anything_else_is_refused_with_a_reason(string expression)
    {
        WaitFunction.TryParse(expression, out var function, out var problem).ShouldBeFalse();

        function.ShouldBeNull();
        problem.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var expression = new string('(', 60) + "x" + new string(')', 60);

        WaitFunction.TryParse(expression, out _, out var problem).ShouldBeFalse();

        problem.ShouldBe("is nested too deeply");
    }
}
