namespace Bob.Grains.Abstractions.Webhooks;

public static class WebhookRules
{
    public const int UrlMax = 2048;
    public const int DescriptionMax = 500;
    public const int PageSizeDefault = 20;
    public const int PageSizeMax = 100;
}
