package io.jenkins.plugins.deploygates.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials a step names, found as the build may use them (so a job outside a folder never reaches that
 * folder's credentials), each use recorded on the build for Jenkins' credentials usage tracking.
 */
final class BuildCredentials {
    private final Run<?, ?> run;

    BuildCredentials(Run<?, ?> run) {
        this.run = run;
    }

    /** The value of a Secret text credential; {@code holding} says what it should hold, for the message. */
    String secretText(String parameter, String id, String holding) {
        return find(parameter, id, StringCredentials.class, "Secret text", holding).getSecret().getPlainText();
    }

    StandardUsernamePasswordCredentials usernamePassword(String parameter, String id, String holding) {
        return find(parameter, id, StandardUsernamePasswordCredentials.class, "Username with password", holding);
    }

    private <C extends IdCredentials> C find(String parameter, String id, Class<C> type, String kind, String holding) {
        C credentials = CredentialsProvider.findCredentialById(id.trim(), type, run);
        ConfigurationException.require(credentials != null, parameter + " '" + id.trim() + "' is not a " + kind
                + " credential this job can use: add one holding " + holding + ", or fix the ID.");
        return CredentialsProvider.track(run, credentials);
    }
}
