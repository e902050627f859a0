using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Bob.Assistant.Hosted;

/// <summary>Builds an <see cref="IChatClient"/> for an OpenAI-compatible endpoint over the resilient named HttpClient.</summary>
public sealed class HostedChatClientFactory(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "bob-hosted-model";

    public IChatClient Create(HostedModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var httpClient = httpClientFactory.CreateClient(HttpClientName);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClient),

            // Retries and timeouts belong to the HttpClient's resilience handler, not to the SDK as well.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        var credential = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Model).AsIChatClient();
    }
}
