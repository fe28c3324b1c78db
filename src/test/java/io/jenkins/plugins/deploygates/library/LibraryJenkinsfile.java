package io.jenkins.plugins.deploygates.library;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Jenkinsfile that loads the global library and calls one of its templates with settings written as Groovy
 * (later settings replace earlier ones of the same name), the way a user's Jenkinsfile points the templates at its
 * own endpoints.
 */
final class LibraryJenkinsfile {
    private final String template;
    private final Map<String, String> settings = new LinkedHashMap<>();

    LibraryJenkinsfile(String template) {
        this.template = template;
    }

    /** One setting; {@code groovy} is its value as Groovy source ({@code "'5s'"}, {@code "[[name: 'api']]"}). */
    LibraryJenkinsfile set(String name, String groovy) {
        settings.put(name, groovy);
        return this;
    }

    static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    String text() {
        StringBuilder script = new StringBuilder("@Library('deploy-gates') _\n\n").append(template).append("(\n");
        settings.forEach((name, value) -> script.append("    ").append(name).append(": ").append(value).append(",\n"));
        return script.append(")\n").toString();
    }
}
