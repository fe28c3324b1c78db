package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * The one place the library reads the time, so soak and timeout arithmetic can be tested with a clock that the
 * tests move (they replace {@code nowMillis} on this class's metaclass).
 *
 * Only calls the script-security sandbox allows are used: a Jenkinsfile may load the library untrusted (for
 * example with {@code library(retriever: legacySCM(scm))}), where {@code new SimpleDateFormat(String, Locale)} is
 * rejected. The English locale keeps the digits ASCII and the calendar Gregorian whatever the controller's locale.
 */
class Clock implements Serializable {

    private static final long serialVersionUID = 1L

    @NonCPS
    static long nowMillis() {
        return System.currentTimeMillis()
    }

    /** {@code 2026-11-27T08:15:00Z}: ISO-8601 in UTC, to the second. */
    @NonCPS
    static String iso(long millis) {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone('UTC'), Locale.ENGLISH)
        utc.setTime(new Date(millis))
        return String.format(Locale.ENGLISH, '%1$tFT%1$tTZ', utc)
    }
}
