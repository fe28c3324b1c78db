package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/** Durations written the way the plugin steps write them: 500ms, 30s, 15m, 24h, 2d. */
class DurationText implements Serializable {

    private static final long serialVersionUID = 1L
    private static final Map<String, Long> UNIT_MILLIS = [ms: 1L, s: 1000L, m: 60000L, h: 3600000L, d: 86400000L]

    @NonCPS
    static boolean isValid(Object text) {
        return text instanceof CharSequence && text.toString().trim() ==~ /\d+(ms|s|m|h|d)/
    }

    @NonCPS
    static long toMillis(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("'${text}' is not a duration like 500ms, 30s, 15m, 24h or 2d")
        }
        def match = (text.trim() =~ /(\d+)(ms|s|m|h|d)/)
        match.matches()
        return Long.parseLong(match.group(1)) * UNIT_MILLIS[match.group(2)]
    }

    /** Largest two units, so a log line reads "23h 59m" rather than "86340000ms". */
    @NonCPS
    static String format(long millis) {
        if (millis < 1000L) {
            return "${millis}ms".toString()
        }
        List<String> parts = []
        long rest = millis
        for (String unit : ['h', 'm', 's']) {
            long amount = rest.intdiv(UNIT_MILLIS[unit])
            if (amount > 0 && parts.size() < 2) {
                parts << "${amount}${unit}".toString()
            }
            rest -= amount * UNIT_MILLIS[unit]
        }
        return parts.join(' ')
    }

    /** The timeout step's own form: a whole number of seconds. */
    @NonCPS
    static long toSeconds(String text) {
        return Math.max(1L, toMillis(text).intdiv(1000L))
    }
}
