package io.jenkins.plugins.deploygates.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Looks up the smoke test's secrets in the Jenkins credentials visible to the run. */
final class SmokeCredentials {
    private final Run<?, ?> run;

    SmokeCredentials(Run<?, ?> run) {
        this.run = run;
    }

    StandardUsernamePasswordCredentials usernamePassword(String parameter, String id) {
        StandardUsernamePasswordCredentials c =
                CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
        ConfigurationException.require(c != null, parameter + " '" + id
                + "' is not a Username with password credential: add one with that ID or fix the ID.");
        return c;
    }

    String secretText(String parameter, String id) {
        StringCredentials c = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        ConfigurationException.require(c != null, parameter + " '" + id
                + "' is not a Secret text credential: add one with that ID or fix the ID.");
        return c.getSecret().getPlainText();
    }
}
