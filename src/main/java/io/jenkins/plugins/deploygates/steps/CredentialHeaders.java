package io.jenkins.plugins.deploygates.steps;

import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * healthGate's {@code credentialHeaders: ['Authorization=api-bearer']}: request headers whose values live in Secret
 * text credentials. Only the credential ids are kept with the build (its program state is written to disk in clear);
 * the values are looked up each time the gate starts or resumes, and handed to the gate as secrets.
 */
final class CredentialHeaders {
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private CredentialHeaders() {}

    /** Header name to credential id, in the order given; a malformed line is one sentence. */
    static LinkedHashMap<String, String> parse(List<String> lines) {
        LinkedHashMap<String, String> ids = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            String name = eq < 0 ? "" : line.substring(0, eq).trim();
            String id = eq < 0 ? "" : line.substring(eq + 1).trim();
            ConfigurationException.require(HEADER_NAME.matcher(name).matches() && !id.isEmpty(), "credentialHeaders"
                    + " line '" + line + "' is not Name=credentialsId: write it like Authorization=api-bearer-token.");
            ConfigurationException.require(ids.put(name, id) == null, "credentialHeaders names the header '" + name
                    + "' twice: keep one line for it.");
        }
        return ids;
    }

    /** The header values, read from the credentials as this build may use them. */
    static Map<String, String> values(Map<String, String> ids, Run<?, ?> run) {
        BuildCredentials credentials = new BuildCredentials(run);
        Map<String, String> values = new LinkedHashMap<>();
        ids.forEach((name, id) -> values.put(name, credentials.secretText("credentialHeaders", id,
                "the value of the " + name + " header")));
        return values;
    }
}
