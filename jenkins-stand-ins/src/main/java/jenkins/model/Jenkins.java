package jenkins.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stand-in: the one controller, whose only job here is to be asked for permissions. */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    private static final Jenkins INSTANCE = new Jenkins();

    private Jenkins() {}

    public static Jenkins get() throws IllegalStateException {
        return INSTANCE;
    }
}
