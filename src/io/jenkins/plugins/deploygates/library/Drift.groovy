package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurper

/** Whether an environment serves the commit the pipeline last promoted (anything else was deployed around it). */
class Drift implements Serializable {

    private static final long serialVersionUID = 1L

    /** The version a /version endpoint reports: {@code field} of a JSON body, or the whole body when it is not JSON. */
    @NonCPS
    static String servingVersion(String body, String field) {
        String text = body == null ? '' : body.trim()
        if (text.startsWith('{')) {
            Object value = ((Map) new JsonSlurper().parseText(text))[field]
            return value == null ? null : value.toString()
        }
        return text ?: null
    }

    /** [status: 'OK' | 'WARN' | 'FAIL', text:]; short and full SHAs of the same commit match. */
    @NonCPS
    static Map compare(String serving, String promoted) {
        if (promoted == null) {
            return [status: 'WARN', text: 'no promoted commit on record to compare with']
        }
        if (serving == null) {
            return [status: 'FAIL', text: "serving version unknown (last promoted ${short7(promoted)})".toString()]
        }
        boolean same = serving.length() >= 7 && (promoted.startsWith(serving) || serving.startsWith(promoted))
        String text = same ? "serving ${short7(serving)}, the last promoted commit" :
                "drift: serving ${short7(serving)} but the last promoted commit is ${short7(promoted)}"
        return [status: same ? 'OK' : 'FAIL', text: text.toString()]
    }

    @NonCPS
    private static String short7(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha
    }
}
