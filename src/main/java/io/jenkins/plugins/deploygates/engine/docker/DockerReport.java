package io.jenkins.plugins.deploygates.engine.docker;

import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rebuild or rollback did, as plain values: the Jenkins step returns it, and it is written as
 * {@code <reportDir>/<step>.json} whatever the outcome (see {@link RecordFile}), so a failed deploy leaves a record.
 */
final class DockerReport {
    private final String step;
    private String compose;
    private String project;
    /** Reasons quote docker's own lines: they are redacted before they are kept. */
    private final Redactor redactor;
    private String verdict = "failed";
    private String reason;
    private List<ContainerState> services = List.of();
    private List<ServiceImage> kept = List.of();
    private boolean rolledBack;
    private Map<String, Object> rollback;

    /** @param project the project name asked for, if any, until {@link #session} gives the one Compose uses */
    DockerReport(String step, String project, Redactor redactor) {
        this.step = step;
        this.redactor = redactor;
        this.project = project;
    }

    void session(ComposeSession session) {
        this.compose = session.flavour.describe();
        this.project = session.project.name();
    }

    void services(List<ContainerState> containers) {
        this.services = containers;
    }

    /** The images tagged for rollback before the containers were replaced: what dockerRollback puts back. */
    void kept(List<ServiceImage> images) {
        this.kept = images;
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
        this.reason = "stopped: " + redactor.redact(what);
    }

    void rolledBack(List<ServiceImage> previous, Verification outcome) {
        this.rolledBack = true;
        this.rollback = new LinkedHashMap<>();
        rollback.put("verdict", outcome.ok() ? "passed" : "failed");
        rollback.put("reason", redactor.redact(outcome.reason()));
        rollback.put("images", images(previous));
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
        map.put("keptForRollback", kept.isEmpty() ? null : images(kept));
        map.put("rolledBack", rolledBack);
        map.put("rollback", rollback);
        return map;
    }

    private static List<Map<String, Object>> images(List<ServiceImage> images) {
        return images.stream().map(i -> Map.<String, Object>of("service", i.service(), "image", i.imageRef(),
                "imageId", ContainerState.shortId(i.imageId()), "tag", i.rollbackTag())).toList();
    }

    private static List<Map<String, Object>> table(List<ContainerState> containers) {
        List<Map<String, Object>> rows = new ArrayList<>();
        containers.forEach(c -> rows.add(c.toMap()));
        return rows;
    }
}
