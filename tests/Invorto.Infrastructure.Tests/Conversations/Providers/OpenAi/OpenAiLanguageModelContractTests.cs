using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.OpenAi;
using Invorto.Testing.Providers;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.OpenAi;

public sealed class OpenAiLanguageModelContractTests : LanguageModelContract, IAsyncLifetime
{
    private FakeOpenAiChatServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiChatServer.StartAsync();
        // As registered in production: an abandoned response closes its connection instead of being drained.
        _http = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    protected override Task<ILanguageModel> CreateAsync()
    {
        _server.Enqueue(FakeOpenAiChatReply.Text("We are open ", "from nine to six."));
        return Task.FromResult<ILanguageModel>(new OpenAiLanguageModel(_http, new OpenAiEndpoint(_server.BaseUrl)));
    }
}
