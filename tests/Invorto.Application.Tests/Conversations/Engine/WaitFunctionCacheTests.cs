using Invorto.Application.Conversations.Engine;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class WaitFunctionCacheTests
{
    [Fact]
    public void An_expression_is_parsed_once_and_shared()
    {
        var cache = new WaitFunctionCache();

        var first = cache.Get("200 + 8000 * x");
        var second = cache.Get("200 + 8000 * x");

        first.ShouldNotBeNull();
        second.ShouldBeSameAs(first);
        first.Evaluate(0.5).ShouldBe(4200);
    }

    [Fact]
    public void No_expression_or_one_that_does_not_parse_gives_no_function()
    {
        var cache = new WaitFunctionCache();

        cache.Get(null).ShouldBeNull();
        cache.Get("x +").ShouldBeNull();
    }

    [Fact]
    public void Past_its_bound_the_cache_still_parses_but_keeps_nothing_new()
    {
        var cache = new WaitFunctionCache();
        for (var i = 0; i < WaitFunctionCache.MaxEntries; i++)
        {
            cache.Get($"{i} + x");
        }

        var late = cache.Get("99999 + x");

        late.ShouldNotBeNull();
        cache.Get("99999 + x").ShouldNotBeSameAs(late);
    }
}
