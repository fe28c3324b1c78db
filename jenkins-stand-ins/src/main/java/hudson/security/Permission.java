package hudson.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in: the real permissions are declared with their group and description and registered; here a
 * permission is only its id, and {@link #fromId} knows every id it is asked for (one instance per id).
 */
public final class Permission {
    private static final Map<String, Permission> BY_ID = new ConcurrentHashMap<>();

    private final String id;

    private Permission(String id) {
        this.id = id;
    }

    public static Permission fromId(String id) {
        return BY_ID.computeIfAbsent(id, Permission::new);
    }

    public String getId() {
        return id;
    }

    @Override
    public String toString() {
        return "Permission[" + id + "]";
    }
}
