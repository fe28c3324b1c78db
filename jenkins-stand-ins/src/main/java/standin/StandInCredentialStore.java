package standin;

import com.cloudbees.plugins.credentials.Credentials;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Not a Jenkins class: where tests put the credentials that the stand-in CredentialsProvider finds. */
public final class StandInCredentialStore {
    private static final List<Credentials> CREDENTIALS = new CopyOnWriteArrayList<>();

    private StandInCredentialStore() {}

    public static void add(Credentials credentials) {
        CREDENTIALS.add(credentials);
    }

    public static void clear() {
        CREDENTIALS.clear();
    }

    public static List<Credentials> all() {
        return CREDENTIALS;
    }
}
