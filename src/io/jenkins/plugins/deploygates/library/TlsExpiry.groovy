package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS

import java.text.ParseException
import java.text.SimpleDateFormat

/** Days left on a TLS certificate, read from `openssl x509 -noout -enddate`, and what they mean. */
class TlsExpiry implements Serializable {

    private static final long serialVersionUID = 1L
    private static final long DAY = 86400000L
    /** A host name, with a port when it is not 443: safe to put into a shell command. */
    static final String HOST_AND_PORT = /[A-Za-z0-9.-]+(:\d{1,5})?/

    /** The host (with its port, when the URL names one) of an https URL, or null when it is not one. */
    @NonCPS
    static String hostOf(String url) {
        def match = (url =~ /^https:\/\/([A-Za-z0-9.-]+(:\d{1,5})?)(\/.*)?$/)
        return match.matches() ? match.group(1) : null
    }

    /** {@code host:port} for openssl s_client, 443 unless the address names a port. */
    @NonCPS
    static String connectTo(String hostAndPort) {
        return hostAndPort.contains(':') ? hostAndPort : "${hostAndPort}:443".toString()
    }

    /** The server name to ask for (SNI): the host without its port. */
    @NonCPS
    static String serverName(String hostAndPort) {
        return hostAndPort.contains(':') ? hostAndPort.substring(0, hostAndPort.indexOf(':')) : hostAndPort
    }

    /** Whole days from now until the notAfter date, negative when expired; null when the output has no date. */
    @NonCPS
    static Long daysLeft(String opensslOutput, long nowMillis) {
        def match = (opensslOutput =~ /notAfter=(.+)/)
        if (!match.find()) {
            return null
        }
        SimpleDateFormat format = new SimpleDateFormat('MMM d HH:mm:ss yyyy zzz', Locale.US)
        try {
            long notAfter = format.parse(match.group(1).trim().replaceAll(/\s+/, ' ')).time
            return Math.floorDiv(notAfter - nowMillis, DAY)
        } catch (ParseException ignored) {
            return null
        }
    }

    /** [status: 'OK' | 'WARN' | 'FAIL', text:]: warn below {@code warnBelow} days, fail below {@code failBelow}. */
    @NonCPS
    static Map classify(Long daysLeft, int warnBelow, int failBelow) {
        if (daysLeft == null) {
            return [status: 'FAIL', text: 'TLS expiry could not be read']
        }
        String status = daysLeft < failBelow ? 'FAIL' : (daysLeft < warnBelow ? 'WARN' : 'OK')
        return [status: status, text: "TLS certificate has ${daysLeft} days left".toString(), daysLeft: daysLeft]
    }
}
