namespace Bob.Grains.Abstractions.Common;

/// <summary>The prefix of every id Bob makes (<see cref="Ids.New"/>), so an id says what it names. Never change one: ids are stored.</summary>
public static class IdPrefixes
{
    public const string Conversation = "ses_";
    public const string Message = "msg_";
    public const string Article = "kb_";
    public const string Persona = "per_";
    public const string WidgetKey = "wk_";
    public const string User = "usr_";
    public const string Invitation = "inv_";
    public const string WebhookEndpoint = "wh_";
    public const string WebhookEvent = "evt_";
}
