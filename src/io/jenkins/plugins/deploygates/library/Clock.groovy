package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

import java.text.SimpleDateFormat

/**
 * The one place the library reads the time, so soak and timeout arithmetic can be tested with a clock that the
 * tests move (they replace {@code nowMillis} on this class's metaclass).
 */
class Clock implements Serializable {

    private static final long serialVersionUID = 1L

    @NonCPS
    static long nowMillis() {
        return System.currentTimeMillis()
    }

    @NonCPS
    static String iso(long millis) {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
        format.setTimeZone(TimeZone.getTimeZone('UTC'))
        return format.format(new Date(millis))
    }
}
