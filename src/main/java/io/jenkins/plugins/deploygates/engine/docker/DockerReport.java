package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.Json;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rebuild or rollback did, as plain values: the Jenkins step returns it, and it is written as
 * {@code <reportDir>/<step>.json} whatever the outcome, so a failed deploy leaves a record.
 */
final class DockerReport {
    private final String step;
    private final String compose;
    private final String project;
    /** Reasons quote docker's own lines: they are redacted before they are kept. */
    private final Redactor redactor;
    private String verdict = "failed";
    private String reason;
    private List<ContainerState> services = List.of();
    private boolean rolledBack;
    private Map<String, Object> rollback;

    DockerReport(String step, String compose, String project, Redactor redactor) {
        this.step = step;
        this.redactor = redactor;
        this.compose = compose;
        this.project = project;
    }

    void services(List<ContainerState> containers) {
        this.services = containers;
    }

    void passed() {
        this.verdict = "passed";
        this.reason = null;
    }

    void failed(String why) {
        this.verdict = "failed";
        this.reason = redactor.redact(why);
    }

    /** Stopped from outside (the build was aborted, the command stopped): the running docker command was killed. */
    void interrupted(String what) {
        this.verdict = "interrupted";
        this.reason = "stopped during " + what + ": the running docker command was killed; the previous images stay"
                + " tagged for dockerRollback";
    }

    void rolledBack(List<ServiceImage> previous, Verification outcome) {
        this.rolledBack = true;
        this.rollback = new LinkedHashMap<>();
        rollback.put("verdict", outcome.ok() ? "passed" : "failed");
        rollback.put("reason", redactor.redact(outcome.reason()));
        rollback.put("images", previous.stream().map(i -> Map.of("service", i.service(), "image", i.imageRef(),
                "imageId", ContainerState.shortId(i.imageId()))).toList());
        rollback.put("services", table(outcome.containers()));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("compose", compose);
        map.put("project", project);
        map.put("verdict", verdict);
        map.put("reason", reason);
        map.put("services", table(services));
        map.put("rolledBack", rolledBack);
        map.put("rollback", rollback);
        return map;
    }

    private static List<Map<String, Object>> table(List<ContainerState> containers) {
        List<Map<String, Object>> rows = new ArrayList<>();
        containers.forEach(c -> rows.add(c.toMap()));
        return rows;
    }

    void write(Path directory, ComposeOptions options) throws IOException {
        if (options.reportDir() != null) {
            Json.write(directory.resolve(options.reportDir()).resolve(step + ".json"), toMap());
        }
    }
}
