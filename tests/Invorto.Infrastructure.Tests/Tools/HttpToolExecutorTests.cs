using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Invorto.Application.Tools.Execution;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shouldly;
using Xunit;

using static Invorto.Infrastructure.Tests.Tools.ToolExecutorHarness;

namespace Invorto.Infrastructure.Tests.Tools;

/// <summary>The platform's tool runner against a local fake tool server (spec §8 "Tools", §9 SSRF).</summary>
public sealed class HttpToolExecutorTests
{
    private const string OrderSchema = """{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}""";

    [Fact]
    public async Task A_GET_fills_the_url_from_the_arguments_sends_the_rest_as_query_and_hands_back_the_json()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders/{id}", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/orders/{{orderId}}", OrderSchema), """{"orderId":"A 1/2","verbose":true}""");

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        outcome.ResultJson.ShouldBe("""{"status":"shipped"}""");
        outcome.HttpStatus.ShouldBe(200);
        outcome.Attempts.ShouldBe(1);
        server.Requests.Single().PathAndQuery.ShouldBe("/orders/A%201%2F2?verbose=true");
    }

    [Fact]
    public async Task A_POST_sends_the_arguments_the_url_did_not_take_as_its_json_body()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapPost("/orders/{id}/notes", () => Results.Json(new { saved = true })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("POST", $"http://{Host}:{server.Port}/orders/{{orderId}}/notes", OrderSchema), """{"orderId":"A1","note":"call back","urgent":false}""");

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        var request = server.Requests.Single();
        request.PathAndQuery.ShouldBe("/orders/A1/notes");
        request.Headers["Content-Type"].ShouldStartWith("application/json");
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(request.Body)!.Keys.ShouldBe(["note", "urgent"]);
    }

    [Fact]
    public async Task Arguments_that_break_the_input_schema_are_refused_and_nothing_is_sent()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders/{id}", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/orders/{{orderId}}", OrderSchema), """{"orderId":5}""");

        outcome.Succeeded.ShouldBeFalse();
        outcome.ErrorCode.ShouldBe(ToolErrorCodes.Schema);
        outcome.ErrorMessage!.ShouldContain("/orderId");
        outcome.Attempts.ShouldBe(0);
        JsonDocument.Parse(outcome.ResultJson).RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("schema");
        server.Connections.ShouldBe(0);
        tools.Resolver.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_host_the_tenant_does_not_allow_is_refused_and_nothing_is_sent()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/orders"), allowedHosts: ["api.example.com", "*.acme.in"]);

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.HostNotAllowed);
        server.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_host_on_the_allow_list_is_called()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/orders"), allowedHosts: ["api.example.com", Host]);

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public async Task A_name_resolving_to_a_refused_address_is_refused_at_connect(string address)
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create(allowPrivateTargets: false);
        tools.Resolver.Map("api.example.com", IPAddress.Parse(address));

        var outcome = await tools.RunAsync(Tool("GET", $"https://api.example.com:{server.Port}/orders"), allowedHosts: ["api.example.com"]);

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.AddressRefused, outcome.ErrorMessage);
        tools.Resolver.Asked.ShouldContain("api.example.com");
        server.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_name_with_one_refused_address_among_public_ones_is_refused_whole()
    {
        await using var tools = Create(allowPrivateTargets: false);
        tools.Resolver.Map("api.example.com", IPAddress.Parse("203.0.113.10"), IPAddress.Loopback);

        var outcome = await tools.RunAsync(Tool("GET", "https://api.example.com/orders"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.AddressRefused);
    }

    [Fact]
    public async Task The_metadata_service_is_refused_even_when_private_targets_are_allowed()
    {
        await using var tools = Create(allowPrivateTargets: true);
        tools.Resolver.Map("metadata.test", IPAddress.Parse("169.254.169.254"));

        var outcome = await tools.RunAsync(Tool("GET", "http://metadata.test/latest/meta-data/"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.AddressRefused);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_private_targets_are_allowed()
    {
        await using var tools = Create(allowPrivateTargets: false);
        tools.Resolver.Map("api.example.com", IPAddress.Parse("203.0.113.10"));

        var outcome = await tools.RunAsync(Tool("GET", "http://api.example.com/orders"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.HostNotAllowed);
        tools.Resolver.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var server = await FakeToolServer.StartAsync(app =>
        {
            app.MapGet("/moved", () => Results.Redirect("/target"));
            app.MapGet("/target", () => Results.Json(new { status = "followed" }));
        });
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/moved"));

        outcome.ErrorCode.ShouldBe("http_302");
        outcome.HttpStatus.ShouldBe(302);
        server.Requests.Select(request => request.PathAndQuery).ShouldBe(["/moved"]);
    }

    [Fact]
    public async Task A_tool_that_does_not_answer_within_its_timeout_fails_as_timeout()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapPost("/slow", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return Results.Ok();
        }));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("POST", $"http://{Host}:{server.Port}/slow", timeoutMs: 300));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.Timeout);
        outcome.Attempts.ShouldBe(1);
        outcome.ErrorMessage.ShouldBe("the tool did not answer within 300 ms");
    }

    [Fact]
    public async Task An_answer_of_exactly_64_KB_is_read()
    {
        var value = new string('x', (64 * 1024) - 2);
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/big", () => Results.Text($"\"{value}\"", "application/json")));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/big"));

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        outcome.ResultJson.Length.ShouldBe(64 * 1024);
    }

    [Fact]
    public async Task An_answer_announced_larger_than_64_KB_is_refused()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/big", () => Results.Text(new string('x', (64 * 1024) + 1), "text/plain")));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/big"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.TooLarge);
    }

    [Fact]
    public async Task A_streamed_answer_over_64_KB_is_refused_and_the_rest_is_never_read()
    {
        // Far more than loopback socket buffers hold (up to 36 MB here), so the server can only finish if the client reads it all.
        const long total = 128L * 1024 * 1024;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeEndlessBodyAsync(listener, total);
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{((IPEndPoint)listener.LocalEndpoint).Port}/stream"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.TooLarge);
        (await serving.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeLessThan(total, "the client hung up instead of reading on");
    }

    [Fact]
    public async Task An_answer_that_is_not_json_reaches_the_model_as_a_json_string()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/status", () => Results.Text("OK, \"done\"", "text/plain")));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/status"));

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        JsonDocument.Parse(outcome.ResultJson).RootElement.GetString().ShouldBe("OK, \"done\"");
    }

    [Fact]
    public async Task A_GET_is_retried_on_5xx_with_the_same_idempotency_key()
    {
        var calls = 0;
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) <= 2 ? Results.StatusCode(503) : Results.Json(new { status = "shipped" })));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/flaky"), turn: 4);

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        outcome.Attempts.ShouldBe(3);
        server.Requests.Select(request => request.Headers["Idempotency-Key"]).ShouldBe(Enumerable.Repeat($"{tools.CallId}:4:get_order_status", 3));
    }

    [Fact]
    public async Task A_hung_GET_attempt_is_given_up_at_half_the_timeout_and_retried()
    {
        var calls = 0;
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/hangs-once", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            return Results.Json(new { status = "shipped" });
        }));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/hangs-once", timeoutMs: 4000));

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        outcome.Attempts.ShouldBe(2);
        server.Requests.Select(request => request.Headers["Idempotency-Key"]).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_GET_gives_up_after_two_retries()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/down", () => Results.StatusCode(503)));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/down"));

        outcome.ErrorCode.ShouldBe("http_503");
        outcome.Attempts.ShouldBe(3);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_POST_is_never_retried()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapPost("/down", () => Results.StatusCode(503)));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("POST", $"http://{Host}:{server.Port}/down"));

        outcome.ErrorCode.ShouldBe("http_503");
        outcome.Attempts.ShouldBe(1);
        server.Requests.Single().Headers["Idempotency-Key"].ShouldBe($"{tools.CallId}:1:get_order_status");
    }

    [Fact]
    public async Task A_4xx_is_not_retried()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/missing", () => Results.NotFound()));
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("GET", $"http://{Host}:{server.Port}/missing"));

        outcome.ErrorCode.ShouldBe("http_404");
        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_secret_is_resolved_into_the_request_and_never_logged()
    {
        const string secret = "s3cr3t/Value+42";
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders/{token}", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create(secrets: new Dictionary<string, string> { ["crm"] = secret });
        var url = $"http://{Host}:{server.Port}/orders/${{secrets.crm}}?key=${{secrets.crm}}";
        var tool = Tool("GET", url, headers: new Dictionary<string, string> { ["Authorization"] = "Bearer ${secrets.crm}" });

        var outcome = await tools.RunAsync(tool);

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        var request = server.Requests.Single();
        request.Headers["Authorization"].ShouldBe($"Bearer {secret}");
        request.PathAndQuery.ShouldBe($"/orders/{Uri.EscapeDataString(secret)}?key={Uri.EscapeDataString(secret)}");
        tools.Logs.Lines.ShouldNotBeEmpty();
        tools.Logs.Lines.ShouldAllBe(line => !line.Contains("s3cr3t") && !line.Contains("Value%2B42"));
        outcome.ResultJson.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public async Task A_secret_the_tenant_has_not_set_fails_the_tool_and_nothing_is_sent()
    {
        await using var server = await FakeToolServer.StartAsync(app => app.MapGet("/orders", () => Results.Json(new { status = "shipped" })));
        await using var tools = Create();
        var tool = Tool("GET", $"http://{Host}:{server.Port}/orders", headers: new Dictionary<string, string> { ["Authorization"] = "Bearer ${secrets.crm}" });

        var outcome = await tools.RunAsync(tool);

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.SecretMissing);
        outcome.ErrorMessage.ShouldBe("the secret 'crm' is not set for this tenant");
        tools.Secrets.Reads.ShouldBe(1);
        server.Connections.ShouldBe(0);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_fails_as_network()
    {
        await using var tools = Create();

        var outcome = await tools.RunAsync(Tool("POST", "http://nowhere.test/orders"));

        outcome.ErrorCode.ShouldBe(ToolErrorCodes.Network);
        outcome.Attempts.ShouldBe(1);
    }

    /// <summary>Answers one request with a body without length that goes on until the client hangs up; returns the bytes the socket took.</summary>
    private static async Task<long> ServeEndlessBodyAsync(TcpListener listener, long total)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var request = new byte[8192];
        var received = 0;
        while (!Encoding.ASCII.GetString(request, 0, received).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            received += await stream.ReadAsync(request.AsMemory(received));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"));
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)'x');
        long sent = 0;
        try
        {
            while (sent < total)
            {
                await stream.WriteAsync(chunk);
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
            // The client hung up.
        }

        return sent;
    }
}
