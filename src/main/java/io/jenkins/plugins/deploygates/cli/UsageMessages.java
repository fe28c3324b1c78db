package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Picocli's usage errors without a secret and without garbling. Passing the whole message through the redactor's
 * shapes mangled picocli's own words ("should be in KEY=**** format"); the only secrets such a message can hold are
 * the ones the user typed, quoted back. So each argument is redacted on its own and replaced where it is quoted,
 * and the secret values the commands read from the environment are masked wherever they appear.
 */
final class UsageMessages {
    /** The environment variables the commands read secrets from. */
    private static final List<String> SECRET_VARIABLES = List.of("RAILWAY_TOKEN", "RAILWAY_API_TOKEN",
            "SMOKE_MAILBOX_PASSWORD", "SMOKE_LOGIN_PASSWORD");

    private UsageMessages() {}

    static String withoutSecrets(String message, String[] args) {
        Redactor byShape = Redactor.byShape();
        String out = message;
        // longest first, so an argument that contains another is masked whole
        for (String arg : Arrays.stream(args).sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            String dashes = arg.replaceFirst("^(-*).*$", "$1"); // '--password=x' is masked as 'password=x' is
            String masked = dashes + byShape.redact(arg.substring(dashes.length()));
            if (!arg.isEmpty() && !masked.equals(arg)) {
                out = out.replace(arg, masked);
            }
        }
        for (String value : environmentSecrets()) {
            out = out.replace(value, Redactor.MASK);
        }
        return out;
    }

    private static List<String> environmentSecrets() {
        return SECRET_VARIABLES.stream()
                .flatMap(name -> java.util.stream.Stream.of(RailwayOptions.environment.apply(name),
                        SmokeAuthCommand.environment.apply(name)))
                .filter(Objects::nonNull).map(String::strip).filter(v -> v.length() >= 4).distinct().toList();
    }
}
