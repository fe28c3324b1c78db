package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * Merges a var's arguments over its defaults and rejects, by key name, any key the var does not know and any
 * value of the wrong type. A schema maps each key to [type, default]; a type is a Class, {@link #DURATION} or a
 * list of those, and the default {@link #REQUIRED} makes the key mandatory.
 */
class Settings implements Serializable {

    private static final long serialVersionUID = 1L
    static final String DURATION = 'duration'
    static final String REQUIRED = '<required>'

    /** The first mistake in {@code args}, as a sentence naming the key, or null when there is none. */
    @NonCPS
    static String problem(Map<String, List> schema, Map args, String prefix = '') {
        if (args == null) {
            return null
        }
        String unknown = args.keySet().find { !schema.containsKey(it) }
        if (unknown != null) {
            return "unknown setting '${prefix}${unknown}'; known settings are: ${schema.keySet().join(', ')}".toString()
        }
        for (Map.Entry<String, List> entry : schema.entrySet()) {
            String found = problemOf(prefix + entry.key, entry.value, args[entry.key])
            if (found != null) {
                return found
            }
        }
        return null
    }

    /** The defaults with {@code args} laid over them; strings are made plain Strings. */
    @NonCPS
    static Map merge(Map<String, List> schema, Map args) {
        Map merged = [:]
        schema.each { String key, List spec ->
            Object given = args == null ? null : args[key]
            Object chosen = given != null ? given : spec[1]
            merged[key] = chosen instanceof GString ? chosen.toString() : chosen
        }
        return merged
    }

    @NonCPS
    private static String problemOf(String key, List spec, Object value) {
        if (value == null) {
            return spec[1] == REQUIRED ? "setting '${key}' is required".toString() : null
        }
        List types = spec[0] instanceof List ? (List) spec[0] : [spec[0]]
        if (types.any { matches(it, value) }) {
            return null
        }
        return "setting '${key}' must be ${types.collect { describe(it) }.join(' or ')}, not ${shown(value)}".toString()
    }

    @NonCPS
    private static boolean matches(Object type, Object value) {
        if (type == DURATION) {
            return DurationText.isValid(value)
        }
        if (type == String) {
            return value instanceof CharSequence
        }
        if (type == Integer) {
            return value instanceof Integer || value instanceof Long
        }
        return ((Class) type).isInstance(value)
    }

    @NonCPS
    private static String describe(Object type) {
        Map names = [(String): 'a string', (Integer): 'a whole number', (Boolean): 'true or false',
                     (List): 'a list', (Map): 'a map', (Closure): 'a closure', (Number): 'a number']
        return type == DURATION ? "a duration like '15m' or '24h'" : (names[type] ?: "a ${((Class) type).simpleName}")
    }

    @NonCPS
    private static String shown(Object value) {
        String text = value instanceof CharSequence ? "'${value}'" : String.valueOf(value)
        return "${value.getClass().simpleName} ${text}".toString()
    }
}
