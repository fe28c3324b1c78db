package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import hudson.security.Permission;
import standin.StandInCredentialStore;

/**
 * Stand-in: the real lookup searches the credential stores visible to the run; this one searches
 * {@link StandInCredentialStore}, which tests fill.
 */
public abstract class CredentialsProvider {
    public static final Permission USE_ITEM = Permission.fromId("com.cloudbees.plugins.credentials.CredentialsProvider.UseItem");

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        for (Credentials c : StandInCredentialStore.all()) {
            if (type.isInstance(c) && ((IdCredentials) c).getId().equals(id)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
