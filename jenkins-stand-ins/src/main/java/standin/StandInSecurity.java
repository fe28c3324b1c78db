package standin;

import hudson.security.Permission;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Not a Jenkins class: the permissions the current user holds on each object, which tests grant. */
public final class StandInSecurity {
    private static final Map<Object, Set<Permission>> GRANTED = new ConcurrentHashMap<>();

    private StandInSecurity() {}

    public static void grant(Object on, Permission... permissions) {
        GRANTED.computeIfAbsent(on, o -> ConcurrentHashMap.newKeySet()).addAll(Set.of(permissions));
    }

    public static boolean isGranted(Object on, Permission permission) {
        return GRANTED.getOrDefault(on, Set.of()).contains(permission);
    }

    public static void clear() {
        GRANTED.clear();
    }
}
