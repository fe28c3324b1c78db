package io.jenkins.plugins.deploygates.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.EnvVars;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

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
        StringCredentials secret = CredentialsProvider.findCredentialById(credentialsId.trim(),
                StringCredentials.class, run);
        ConfigurationException.require(secret != null, "credentialsId '" + credentialsId.trim() + "' is not a "
                + "Secret-text credential this job can use: add one holding the Railway token, or fix the id.");
        return new RailwayToken(RailwayToken.kind("tokenKind", tokenKind), secret.getSecret().getPlainText());
    }

    /** The same check the runtime makes, for the form. */
    static void checkTokenKind(String tokenKind) {
        RailwayToken.kind("tokenKind", tokenKind);
    }
}
