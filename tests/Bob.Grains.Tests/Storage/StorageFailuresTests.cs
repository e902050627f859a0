using System.Net.Sockets;
using Bob.Grains.Abstractions.Common;
using Bob.Grains.Storage;
using Npgsql;

namespace Bob.Grains.Tests.Storage;

/// <summary>Which database failures are worth a retry (503), which are the caller's text (400), and which are bugs (500).</summary>
public sealed class StorageFailuresTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown: the server restarted under us
    [InlineData("57P03")] // cannot connect now: it is starting
    [InlineData("53300")] // too many connections
    [InlineData("55000")] // database not accepting connections
    [InlineData("08006")] // connection failure
    [InlineData("40001")] // serialization failure
    public void Transient_server_errors_are_unavailable_with_a_retry_after(string sqlState)
    {
        var failure = StorageFailures.Classify(new PostgresException("boom", "FATAL", "FATAL", sqlState));

        Assert.Equal(FailureCodes.ServiceUnavailable, failure?.Code);
        Assert.Equal(StorageFailures.RetryAfter, failure?.RetryAfter);
    }

    [Fact]
    public void A_refused_connection_wrapped_anywhere_in_the_chain_is_unavailable()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(FailureCodes.ServiceUnavailable, StorageFailures.Classify(new InvalidOperationException("outer", refused))?.Code);
    }

    [Theory]
    [InlineData("22021")] // invalid byte sequence (a NUL)
    [InlineData("22P05")] // untranslatable character
    public void Text_the_database_cannot_store_is_a_validation_failure(string sqlState)
    {
        Assert.Equal(FailureCodes.ValidationFailed, StorageFailures.Classify(new PostgresException("bad text", "ERROR", "ERROR", sqlState))?.Code);
    }

    [Theory]
    [InlineData("23505")] // unique violation: a logic error or an ambiguous commit, the caller must not blindly retry
    [InlineData("42P01")] // undefined table: a deployment bug
    public void Other_database_errors_stay_real_faults(string sqlState)
    {
        var original = new PostgresException("bug", "ERROR", "ERROR", sqlState);

        Assert.Null(StorageFailures.Classify(original));
        Assert.Same(original, StorageFailures.Translate(original));
    }

    [Fact]
    public void A_translated_failure_keeps_the_cause_for_logs_but_not_in_its_detail()
    {
        var translated = Assert.IsType<FailureException>(StorageFailures.Translate(new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")));

        Assert.DoesNotContain("administrator", translated.Failure.Detail, StringComparison.Ordinal);
        Assert.Contains("administrator", translated.Message, StringComparison.Ordinal);
    }
}
