using Bob.Grains.Abstractions.Conversations;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Bob.Grains.Tests.Conversations;

/// <summary>The transcript's widget-visitor rules (tokens, talk to a human): plain, no cluster and no database.</summary>
public sealed class VisitorTranscriptTests
{
    private static readonly ChatPersona Ava = new("per_ava", "Ava");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private Transcript NewTranscript() => new(new TenantId("acme"), new ConversationId("ses_unit"), null, [], _time);

    private static ChatTurn WidgetTurn(string message, VisitorAccess? visitor) => new(ChatChannel.Widget, message, null, null, visitor);

    /// <summary>A widget conversation opened by a first turn, as stored.</summary>
    private (Transcript Transcript, string Token) Opened(bool serverMinted)
    {
        var transcript = NewTranscript();
        var token = VisitorTokens.New();
        transcript.Apply(transcript.AnsweredTurn(WidgetTurn("hello", new VisitorAccess(null, serverMinted)), Ava, "Hi!", [], false, 1, token));
        return (transcript, token);
    }

    [Fact]
    public void Only_the_first_visitor_turn_opens_a_conversation_that_issues_a_token()
    {
        var (opened, _) = Opened(serverMinted: true);

        Assert.True(NewTranscript().OpensVisitorConversation(ChatChannel.Widget));
        Assert.True(NewTranscript().OpensVisitorConversation(ChatChannel.Public));
        Assert.False(NewTranscript().OpensVisitorConversation(ChatChannel.Console));
        Assert.False(opened.OpensVisitorConversation(ChatChannel.Widget));
    }

    [Fact]
    public void The_opening_turn_keeps_a_proposed_token_and_mints_one_otherwise()
    {
        Assert.Equal("proposed-token_0123456789", VisitorTokens.Issue(new VisitorAccess("proposed-token_0123456789", ServerMinted: false)));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", VisitorTokens.Issue(new VisitorAccess(null, ServerMinted: true)));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", VisitorTokens.Issue(null));
    }

    [Fact]
    public void The_row_keeps_the_tokens_hash_never_the_token()
    {
        var (opened, token) = Opened(serverMinted: true);

        Assert.Equal(VisitorTokens.Hash(token), opened.Row!.VisitorTokenHash);
        Assert.NotEqual(token, opened.Row.VisitorTokenHash);
        Assert.Equal(64, opened.Row.VisitorTokenHash!.Length);
        Assert.True(opened.Row.ServerMinted);
    }

    [Fact]
    public void A_server_minted_conversation_is_continued_only_with_its_token()
    {
        var (opened, token) = Opened(serverMinted: true);

        Assert.Equal(FailureCodes.VisitorTokenRequired, opened.VisitorRefusal(null)?.Code);
        Assert.Equal(FailureCodes.VisitorTokenRequired, opened.VisitorRefusal(new VisitorAccess(null, false))?.Code);
        Assert.Equal(FailureCodes.InvalidVisitorToken, opened.VisitorRefusal(new VisitorAccess(VisitorTokens.New(), false))?.Code);
        Assert.Null(opened.VisitorRefusal(new VisitorAccess(token, false)));
    }

    [Fact]
    public void A_client_chosen_conversation_is_continued_only_with_its_token_too()
    {
        var (opened, token) = Opened(serverMinted: false);

        Assert.Equal(FailureCodes.VisitorTokenRequired, opened.VisitorRefusal(null)?.Code);
        Assert.Equal(FailureCodes.VisitorTokenRequired, opened.VisitorRefusal(new VisitorAccess(null, false))?.Code);
        Assert.Null(opened.VisitorRefusal(new VisitorAccess(token, false)));
        Assert.Equal(FailureCodes.InvalidVisitorToken, opened.VisitorRefusal(new VisitorAccess(VisitorTokens.New(), false))?.Code);
    }

    [Fact]
    public void A_public_conversation_is_continued_only_with_its_token_and_a_console_one_needs_none()
    {
        var publicChat = NewTranscript();
        var token = VisitorTokens.New();
        publicChat.Apply(publicChat.AnsweredTurn(new ChatTurn(ChatChannel.Public, "hello", null, null, new VisitorAccess(null, false)), Ava, "Hi!", [], false, 1, token));
        var console = NewTranscript();
        console.Apply(console.Start(ChatChannel.Console, null, null));

        Assert.Equal(FailureCodes.VisitorTokenRequired, publicChat.VisitorRefusal(new VisitorAccess(null, false))?.Code);
        Assert.Equal(FailureCodes.InvalidVisitorToken, publicChat.VisitorRefusal(new VisitorAccess(VisitorTokens.New(), false))?.Code);
        Assert.Null(publicChat.VisitorRefusal(new VisitorAccess(token, false)));
        Assert.Null(console.VisitorRefusal(null));
    }

    [Fact]
    public void Reading_as_a_visitor_always_needs_the_token_and_only_finds_widget_conversations()
    {
        var (opened, token) = Opened(serverMinted: false);
        var console = NewTranscript();
        console.Apply(console.Start(ChatChannel.Console, null, null));

        Assert.Equal(FailureCodes.VisitorTokenRequired, opened.VisitorView(null).Failure?.Code);
        Assert.Equal(FailureCodes.InvalidVisitorToken, opened.VisitorView(VisitorTokens.New()).Failure?.Code);
        Assert.Equal(2, opened.VisitorView(token).Value!.Messages.Count);
        Assert.Equal(FailureCodes.NotFound, console.VisitorView(token).Failure?.Code);
        Assert.Equal(FailureCodes.NotFound, NewTranscript().VisitorView(token).Failure?.Code);
    }

    [Fact]
    public void Asking_for_a_human_makes_the_conversation_wait_once_with_the_visitors_message_once()
    {
        var (opened, token) = Opened(serverMinted: true);
        var request = new HumanRequest(new VisitorAccess(token, false), " Where is my order? ", "m-1");

        var change = opened.RequestHuman(request, null)!;
        opened.Apply(change);
        var again = opened.RequestHuman(request, null);

        Assert.Equal(ConversationStatus.Waiting, change.Row.Status);
        Assert.Equal([(TranscriptRole.Visitor, "Where is my order?"), (TranscriptRole.System, "A person from the team was asked to join; they will reply here.")],
            change.Messages.Select(m => (m.Role, m.Text)));
        Assert.Equal([3, 4], change.Messages.Select(m => m.Seq));
        Assert.Null(again);
        Assert.True(opened.HumanHasIt);
    }

    [Fact]
    public void Asking_for_a_human_can_open_the_conversation_and_issue_its_token()
    {
        var transcript = NewTranscript();
        var token = VisitorTokens.New();

        var change = transcript.RequestHuman(new HumanRequest(new VisitorAccess(null, true), null, null), token)!;

        Assert.Equal(ChatChannel.Widget, change.Row.Channel);
        Assert.Equal(ConversationStatus.Waiting, change.Row.Status);
        Assert.Equal(VisitorTokens.Hash(token), change.Row.VisitorTokenHash);
        Assert.True(change.Row.ServerMinted);
        Assert.Equal([TranscriptRole.System], change.Messages.Select(m => m.Role));
    }

    [Fact]
    public void Tokens_are_128_random_bits_and_compare_only_by_their_hash()
    {
        var token = VisitorTokens.New();

        Assert.Matches("^[A-Za-z0-9_-]{22}$", token);
        Assert.NotEqual(token, VisitorTokens.New());
        Assert.True(VisitorTokens.Matches(VisitorTokens.Hash(token), token));
        Assert.False(VisitorTokens.Matches(null, token));
        Assert.False(VisitorTokens.Matches(VisitorTokens.Hash(token), token + "x"));
    }
}
