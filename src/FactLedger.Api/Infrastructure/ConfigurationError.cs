namespace FactLedger.Api.Infrastructure;

/// <summary>Configuration found wrong at start-up; the message says what is wrong and how to put it right, and the
/// process stops with it instead of starting half-working.</summary>
public sealed class ConfigurationError(string message, Exception? inner = null) : Exception(message, inner);
