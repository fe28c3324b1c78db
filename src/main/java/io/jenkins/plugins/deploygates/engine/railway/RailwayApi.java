package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.deploygates.engine.railway.GraphQlClient.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The Railway operations the engine needs, as typed calls over {@link GraphQlClient}. */
public final class RailwayApi {
    /** A project, environment, service or workspace project: id, name and whether it may be used. */
    public record Named(String id, String name, boolean usable) {}

    public record Project(String id, String name, List<Named> environments, List<Named> services) {}

    /** What a project token is bound to. */
    public record TokenScope(Named project, Named environment) {}

    public record Deployment(String id, String status, String createdAt, boolean canRollback, String serviceId,
            String environmentId) {}

    /** One poll: the status (empty when Railway could not give it) and the log lines since the last ones. */
    public record Progress(String status, List<LogLine> build, List<LogLine> deploy, String problem) {}

    /** Why a deployment failed: Railway's diagnosis (empty when it has none) and both logs' last lines. */
    public record Outcome(String diagnosis, List<LogLine> build, List<LogLine> deploy) {}

    public record LogLine(String timestamp, String message) {}

    private final GraphQlClient client;

    public RailwayApi(GraphQlClient client) {
        this.client = client;
    }

    public RailwayToken token() {
        return client.token();
    }

    public TokenScope projectToken() throws InterruptedException {
        JsonNode t = client.call("ProjectToken", RailwayQueries.PROJECT_TOKEN, Map.of(), Mode.READ).path("projectToken");
        return new TokenScope(named(t.path("project")), named(t.path("environment")));
    }

    public Project project(String id) throws InterruptedException {
        JsonNode p = client.call("Project", RailwayQueries.PROJECT, Map.of("id", id), Mode.READ).path("project");
        List<Named> environments = new ArrayList<>();
        for (JsonNode e : p.path("environments").path("edges")) {
            JsonNode n = e.path("node");
            boolean usable = n.path("canAccess").asBoolean(true) && absent(n.path("deletedAt"));
            environments.add(new Named(n.path("id").asText(), n.path("name").asText(), usable));
        }
        List<Named> services = new ArrayList<>();
        for (JsonNode e : p.path("services").path("edges")) {
            services.add(named(e.path("node")));
        }
        return new Project(p.path("id").asText(), p.path("name").asText(), environments, services);
    }

    /** The projects an account token can see (not deleted), for resolving a project by name. */
    public List<Named> userProjects() throws InterruptedException {
        JsonNode me = client.call("UserProjects", RailwayQueries.USER_PROJECTS, Map.of(), Mode.READ).path("me");
        List<Named> projects = new ArrayList<>();
        for (JsonNode w : me.path("workspaces")) {
            for (JsonNode e : w.path("projects").path("edges")) {
                JsonNode n = e.path("node");
                if (absent(n.path("deletedAt"))) {
                    projects.add(named(n));
                }
            }
        }
        return projects;
    }

    /** Only the names: values are secrets and are dropped here, before anything could print them. */
    public Set<String> variableNames(RailwayTarget target) throws InterruptedException {
        Map<String, Object> vars = new HashMap<>();
        vars.put("projectId", target.projectId());
        vars.put("environmentId", target.environmentId());
        vars.put("serviceId", target.serviceId());
        JsonNode v = client.call("Variables", RailwayQueries.VARIABLES, vars, Mode.READ).path("variables");
        Set<String> names = new TreeSet<>();
        v.fieldNames().forEachRemaining(name -> {
            if (!v.get(name).isNull()) {
                names.add(name);
            }
        });
        return names;
    }

    public String deploymentStatus(String id) throws InterruptedException {
        return client.call("DeploymentStatus", RailwayQueries.DEPLOYMENT_STATUS, Map.of("id", id), Mode.READ)
                .path("deployment").path("status").asText("");
    }

    /** @return the deployment, or null when Railway does not know the id */
    public Deployment deployment(String id) throws InterruptedException {
        JsonNode d;
        try {
            d = client.call("Deployment", RailwayQueries.DEPLOYMENT, Map.of("id", id), Mode.READ).path("deployment");
        } catch (RailwayApiException e) {
            if (e.says("not found")) {
                return null;
            }
            throw e;
        }
        return d.isObject() ? deployment(d) : null;
    }

    /** The service's deployments in the environment, in Railway's order (newest first). */
    public List<Deployment> deployments(RailwayTarget target, int first) throws InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("projectId", target.projectId());
        input.put("environmentId", target.environmentId());
        input.put("serviceId", target.serviceId());
        Map<String, Object> vars = Map.of("input", input, "first", first);
        List<Deployment> out = new ArrayList<>();
        for (JsonNode e : client.call("Deployments", RailwayQueries.DEPLOYMENTS, vars, Mode.READ)
                .path("deployments").path("edges")) {
            out.add(deployment(e.path("node")));
        }
        return out;
    }

    /**
     * Status and both logs in one request (the polling follower's whole round), tried once: the follower falls back
     * to the status alone when it fails. A status Railway cannot give comes back empty.
     */
    public Progress progress(String id, String buildSince, String deploySince) throws InterruptedException {
        Map<String, Object> vars = new HashMap<>();
        vars.put("id", id);
        vars.put("limit", LogLines.LIMIT);
        vars.put("buildSince", buildSince);
        vars.put("deploySince", deploySince);
        GraphQlClient.Result r = client.callAllowingPartial("DeploymentProgress", RailwayQueries.DEPLOYMENT_PROGRESS,
                vars, Mode.ONCE);
        String status = r.data().path("deployment").path("status").asText("");
        String problem = r.errors() == null ? null : r.errors().get(0).path("message").asText("");
        if (status.isEmpty() && problem != null && !RailwayErrors.isTransient(problem,
                r.errors().get(0).path("extensions").path("code").asText(""))) {
            throw new RailwayErrors(client.token()).failure("DeploymentProgress", problem);
        }
        return new Progress(status, lines(r.data().path("buildLogs")), lines(r.data().path("deploymentLogs")),
                problem);
    }

    /** Railway's diagnosis and the last {@code limit} lines of both logs, for the failure summary. One try. */
    public Outcome outcome(String id, int limit) throws InterruptedException {
        GraphQlClient.Result r = client.callAllowingPartial("DeploymentOutcome", RailwayQueries.DEPLOYMENT_OUTCOME,
                Map.of("id", id, "limit", limit), Mode.ONCE);
        return new Outcome(Diagnosis.text(r.data().path("deployment").path("diagnosis")),
                lines(r.data().path("buildLogs")), lines(r.data().path("deploymentLogs")));
    }

    /** HTTP requests this client has sent, retries included (the follower's budget is counted with it). */
    public long requests() {
        return client.requests();
    }

    RateLimit rateLimit() {
        return client.rateLimit();
    }

    GraphQlClient client() {
        return client;
    }

    private static List<LogLine> lines(JsonNode rows) {
        List<LogLine> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(new LogLine(r.path("timestamp").asText(""), r.path("message").asText("")));
        }
        return out;
    }

    /** One try only: a broken log stream must never slow down or change the verdict. */
    public List<LogLine> logs(boolean build, String deploymentId, int limit, String startDate)
            throws InterruptedException {
        Map<String, Object> vars = new HashMap<>();
        vars.put("deploymentId", deploymentId);
        vars.put("limit", limit);
        vars.put("startDate", startDate);
        String field = build ? "buildLogs" : "deploymentLogs";
        JsonNode rows = client.call(build ? "BuildLogs" : "DeploymentLogs",
                build ? RailwayQueries.BUILD_LOGS : RailwayQueries.DEPLOYMENT_LOGS, vars, Mode.ONCE).path(field);
        List<LogLine> out = new ArrayList<>();
        for (JsonNode r : rows) {
            out.add(new LogLine(r.path("timestamp").asText(""), r.path("message").asText("")));
        }
        return out;
    }

    /** Railway returns a bare Boolean; it is a write, so it is sent once. */
    public boolean rollback(String deploymentId) throws InterruptedException {
        return client.call("DeploymentRollback", RailwayQueries.DEPLOYMENT_ROLLBACK, Map.of("id", deploymentId),
                Mode.WRITE).path("deploymentRollback").asBoolean(false);
    }

    /** Cancels a deployment that has not finished; a bare Boolean like {@link #rollback}, sent once. */
    public boolean cancel(String deploymentId) throws InterruptedException {
        return client.call("DeploymentCancel", RailwayQueries.DEPLOYMENT_CANCEL, Map.of("id", deploymentId),
                Mode.WRITE).path("deploymentCancel").asBoolean(false);
    }

    private static Deployment deployment(JsonNode d) {
        return new Deployment(d.path("id").asText(), d.path("status").asText(""), d.path("createdAt").asText(""),
                d.path("canRollback").asBoolean(false), d.path("serviceId").asText(null),
                d.path("environmentId").asText(null));
    }

    private static boolean absent(JsonNode n) {
        return n.isNull() || n.isMissingNode();
    }

    private static Named named(JsonNode n) {
        return new Named(n.path("id").asText(), n.path("name").asText(), true);
    }
}
