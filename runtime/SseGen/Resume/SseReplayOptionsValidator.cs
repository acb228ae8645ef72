using Microsoft.Extensions.Options;

namespace SseGen;

/// <summary>Rejects limits that cannot bound anything: zero or negative.</summary>
internal sealed class SseReplayOptionsValidator : IValidateOptions<SseReplayOptions>
{
    public ValidateOptionsResult Validate(string? name, SseReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Capacity <= 0)
        {
            failures.Add($"SseReplayOptions.Capacity must be positive; it is {options.Capacity}.");
        }

        if (options.IdleTimeout <= TimeSpan.Zero)
        {
            failures.Add($"SseReplayOptions.IdleTimeout must be positive; it is {options.IdleTimeout}.");
        }

        if (options.MaxStreams <= 0)
        {
            failures.Add($"SseReplayOptions.MaxStreams must be positive; it is {options.MaxStreams}.");
        }

        if (options.MaxBytes <= 0)
        {
            failures.Add($"SseReplayOptions.MaxBytes must be positive; it is {options.MaxBytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws what the options' validation at startup would.</summary>
    public static void ThrowIfInvalid(SseReplayOptions options)
    {
        ValidateOptionsResult result = new SseReplayOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SseReplayOptions), result.Failures);
        }
    }
}
