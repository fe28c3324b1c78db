package io.jenkins.plugins.deploygates.library

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonOutput

/**
 * Results of the nightly check: per environment a list of checks [name:, status: OK|WARN|FAIL, text:], turned
 * into one summary line per environment and a JUnit file (a WARN is a passing test case with a system-out note).
 */
class NightlyReport implements Serializable {

    private static final long serialVersionUID = 1L

    static final String JSON_FILE = 'nightly-check.json'

    final Map<String, List<Map>> checks = [:]

    @NonCPS
    void add(String environment, String name, Map result) {
        if (!checks.containsKey(environment)) {
            checks[environment] = []
        }
        checks[environment] << [name: name, status: result.status, text: result.text?.toString()]
    }

    @NonCPS
    String worst() {
        List<String> statuses = checks.values().flatten().collect { it.status }
        return statuses.contains('FAIL') ? 'FAIL' : (statuses.contains('WARN') ? 'WARN' : 'OK')
    }

    @NonCPS
    List<String> summaryLines() {
        return checks.collect { String environment, List<Map> list ->
            "${environment}: ${worstOf(list)} - ${list.collect { "${it.name} ${it.status} (${it.text})" }.join('; ')}".toString()
        }
    }

    @NonCPS
    List<String> problems() {
        List<String> found = []
        checks.each { String environment, List<Map> list ->
            list.findAll { it.status != 'OK' }.each { found << "${environment} ${it.name}: ${it.text}".toString() }
        }
        return found
    }

    /**
     * {@value #JSON_FILE}, which the build page's summary reads:
     * {@code {"kind":"nightly-check","worst":…,"environments":[{"name":…,"worst":…,"checks":[{"name":…,"status":…,"text":…}]}]}}.
     */
    @NonCPS
    String toJson() {
        List<Map> environments = checks.collect { String environment, List<Map> list ->
            [name  : environment, worst: worstOf(list),
             checks: list.collect { Map check -> [name: check.name, status: check.status, text: check.text] }]
        }
        return JsonOutput.toJson([kind: 'nightly-check', worst: worst(), environments: environments])
    }

    @NonCPS
    String toJUnit() {
        List<Map> all = checks.collect { env, list -> list.collect { it + [environment: env] } }.flatten()
        StringBuilder xml = new StringBuilder('<?xml version="1.0" encoding="UTF-8"?>\n')
        xml << "<testsuite name=\"nightlyDeployCheck\" tests=\"${all.size()}\" failures=\"${all.count { it.status == 'FAIL' }}\">\n"
        all.each { Map check ->
            xml << "  <testcase classname=\"nightly.${escape(check.environment)}\" name=\"${escape(check.name)}\">\n"
            String tag = check.status == 'FAIL' ? 'failure' : 'system-out'
            String attribute = check.status == 'FAIL' ? " message=\"${escape(check.text)}\"" : ''
            xml << "    <${tag}${attribute}>${escape(check.status + ': ' + check.text)}</${tag}>\n  </testcase>\n"
        }
        return xml.append('</testsuite>\n').toString()
    }

    @NonCPS
    private static String worstOf(List<Map> list) {
        List<String> statuses = list.collect { it.status }
        return statuses.contains('FAIL') ? 'FAIL' : (statuses.contains('WARN') ? 'WARN' : 'OK')
    }

    @NonCPS
    private static String escape(Object text) {
        return String.valueOf(text).replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
                .replace('"', '&quot;')
    }
}
