package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.util.Locale;
import java.util.Map;

/**
 * Railway's failures in the user's words: what the step was doing ("reading the deployment's status"), not the
 * GraphQL operation's name, and for the token errors what to do about them.
 */
final class RailwayErrors {
    private static final Map<String, String> PURPOSES = Map.ofEntries(
            Map.entry("ProjectToken", "finding the project and environment of the project token"),
            Map.entry("Project", "reading the project's environments and services"),
            Map.entry("UserProjects", "listing the projects the token can see"),
            Map.entry("Variables", "reading the service's variable names"),
            Map.entry("DeploymentStatus", "reading the deployment's status"),
            Map.entry("DeploymentProgress", "reading the deployment's status and log lines"),
            Map.entry("DeploymentOutcome", "reading why the deployment failed"),
            Map.entry("Deployment", "reading the deployment"),
            Map.entry("Deployments", "listing the service's deployments"),
            Map.entry("BuildLogs", "reading the build log"),
            Map.entry("DeploymentLogs", "reading the deploy log"),
            Map.entry("DeploymentRollback", "asking for the rollback"),
            Map.entry("DeploymentCancel", "cancelling the deployment"));

    private final RailwayToken token;

    RailwayErrors(RailwayToken token) {
        this.token = token;
    }

    static String purpose(String operation) {
        return PURPOSES.getOrDefault(operation, "calling Railway (" + operation + ")");
    }

    /**
     * Errors a read may outlive: Railway's "Problem processing request", an internal error, anything not about
     * the token, the input or a missing object.
     */
    static boolean isTransient(String message, String code) {
        String lower = message.toLowerCase(Locale.ROOT);
        boolean persistent = lower.contains("not authorized") || lower.contains("project token not found")
                || lower.contains("two factor") || lower.contains("not found") || lower.contains("cannot query")
                || lower.contains("unknown argument") || code.equals("BAD_USER_INPUT")
                || code.equals("GRAPHQL_VALIDATION_FAILED") || code.equals("GRAPHQL_PARSE_FAILED");
        return !persistent;
    }

    /** Railway could not be asked, or did not answer usably. */
    RailwayApiException unreachable(String operation, String what) {
        return new RailwayApiException("Railway did not answer while " + purpose(operation) + " (" + redact(what)
                + ")", "");
    }

    /** A failure that lasted until the deadline. */
    RuntimeException outlasted(String operation, RuntimeException last, boolean rateLimited) {
        String why = last.getMessage();
        return new RailwayApiException(why + (rateLimited ? "; Railway asks to wait longer than the time left"
                : "; it lasted until the time ran out"), last instanceof RailwayApiException r ? r.railwayMessage() : "");
    }

    /** Turns Railway's error words into the sentence a user can act on. */
    RuntimeException failure(String operation, String railwayWords) {
        String message = redact(railwayWords);
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("project token not found")) {
            return new ConfigurationException("Railway does not know this project token (\"" + message
                    + "\"): check RAILWAY_TOKEN or the credential, and put an account or workspace token in "
                    + "RAILWAY_API_TOKEN (tokenKind: 'account') instead.");
        }
        if (lower.contains("not authorized")) {
            return new ConfigurationException(token.kind() == RailwayToken.Kind.PROJECT
                    ? "Railway refused the project token while " + purpose(operation) + " (\"" + message + "\"): a"
                            + " project token only covers its own project and environment, so use an account token"
                            + " (RAILWAY_API_TOKEN, tokenKind: 'account') for this."
                    : "Railway refused the account token while " + purpose(operation) + " (\"" + message + "\"):"
                            + " check RAILWAY_API_TOKEN or the credential and that it can see this project.");
        }
        if (lower.contains("two factor authentication required")) {
            return new ConfigurationException("Railway requires two-factor authentication for this workspace: use a "
                    + "project token (RAILWAY_TOKEN) or enable 2FA on the account.");
        }
        return new RailwayApiException("Railway answered \"" + message + "\" while " + purpose(operation), message);
    }

    private String redact(String text) {
        return token.redactor().redact(text == null ? "" : text);
    }
}
