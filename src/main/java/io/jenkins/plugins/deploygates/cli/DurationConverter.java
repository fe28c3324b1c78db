package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets options take {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse("value", value);
        } catch (ConfigurationException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: write it as 500ms, 2s, 5m or 1h");
        }
    }
}
