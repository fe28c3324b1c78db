package io.jenkins.plugins.deploygates.steps;

import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;

/**
 * The Railway token of a railwayUp or railwayRollback step: a Secret-text credential when {@code credentialsId}
 * is given (its kind from {@code tokenKind}), otherwise RAILWAY_TOKEN / RAILWAY_API_TOKEN from the build's
 * environment, as the Railway CLI reads them.
 */
final class RailwayCredentials {
    private RailwayCredentials() {}

    static RailwayToken token(String credentialsId, String tokenKind, Run<?, ?> run, EnvVars env) {
        if (credentialsId == null || credentialsId.isBlank()) {
            return RailwayToken.fromEnvironment(name -> env == null ? null : env.get(name));
        }
        String secret = new BuildCredentials(run).secretText("credentialsId", credentialsId, "the Railway token");
        return new RailwayToken(RailwayToken.kind("tokenKind", tokenKind), secret);
    }

    /** The same check the runtime makes, for the form. */
    static void checkTokenKind(String tokenKind) {
        RailwayToken.kind("tokenKind", tokenKind);
    }
}
