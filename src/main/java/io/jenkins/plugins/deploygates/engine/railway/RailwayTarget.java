package io.jenkins.plugins.deploygates.engine.railway;

/** The resolved place a deploy goes to: ids for the API, names for people. */
public record RailwayTarget(String projectId, String projectName, String environmentId, String environmentName,
        String serviceId, String serviceName) implements java.io.Serializable {

    /** For log lines: {@code service 'api' in production of project 'shop'}. */
    public String describe() {
        return "service '" + serviceName + "' in " + environmentName + " of project '" + projectName + "'";
    }
}
