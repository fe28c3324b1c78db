package io.jenkins.plugins.deploygates.engine.railway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.deploygates.engine.common.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;

/** The GraphQL half of {@link FakeRailway}: one answer per operation name, after the auth check. */
final class FakeRailwayGraphQl {
    /** Who is calling: an account token sees everything, a project token one project and environment. */
    record Auth(boolean project) {
        boolean covers(String projectId, String environmentId) {
            return !project || FakeRailway.PROJECT_ID.equals(projectId) && FakeRailway.ENV_ID.equals(environmentId);
        }
    }

    private final FakeRailway fake;

    FakeRailwayGraphQl(FakeRailway fake) {
        this.fake = fake;
    }

    /** Reads the token the way backboard does; null when it is missing or unknown. */
    Auth auth(RecordedRequest request) {
        String project = request.getHeader("project-access-token");
        String bearer = request.getHeader("Authorization");
        if (project != null) {
            return FakeRailway.PROJECT_TOKEN.equals(project) && bearer == null ? new Auth(true) : null;
        }
        return ("Bearer " + FakeRailway.ACCOUNT_TOKEN).equals(bearer) ? new Auth(false) : null;
    }

    JsonNode answer(String operation, JsonNode body, RecordedRequest request) {
        Auth auth = auth(request);
        if (auth == null) {
            return FakeRailway.error(request.getHeader("project-access-token") != null
                    ? "Project Token not found" : "Not Authorized");
        }
        JsonNode v = body.path("variables");
        switch (operation) {
            case "ProjectToken":
                return auth.project() ? data("projectToken", projectToken()) : FakeRailway.error("Not Authorized");
            case "Project":
                return project(v.path("id").asText(), auth);
            case "UserProjects":
                return auth.project() ? FakeRailway.error("Not Authorized") : data("me", me());
            case "Variables":
                return variables(v, auth);
            case "DeploymentStatus":
            case "Deployment":
                return deployment(v.path("id").asText(), operation.equals("DeploymentStatus"));
            case "DeploymentProgress":
                return progress(v);
            case "DeploymentOutcome":
                return outcome(v);
            case "Deployments":
                return deployments(v);
            case "BuildLogs":
            case "DeploymentLogs":
                return logs(operation, v);
            case "DeploymentRollback":
                return rollback(v.path("id").asText());
            case "DeploymentCancel":
                return cancel(v.path("id").asText());
            default:
                return FakeRailway.error("Cannot query operation \"" + operation + "\"");
        }
    }

    private static ObjectNode data(String field, JsonNode value) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("data").set(field, value);
        return body;
    }

    private static ObjectNode projectToken() {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("projectId", FakeRailway.PROJECT_ID).put("environmentId", FakeRailway.ENV_ID);
        t.putObject("project").put("id", FakeRailway.PROJECT_ID).put("name", "shop");
        t.putObject("environment").put("id", FakeRailway.ENV_ID).put("name", "production");
        return t;
    }

    private JsonNode project(String id, Auth auth) {
        if (!FakeRailway.PROJECT_ID.equals(id)) {
            return FakeRailway.error("Project not found");
        }
        ObjectNode p = Json.MAPPER.createObjectNode().put("id", FakeRailway.PROJECT_ID).put("name", "shop");
        ArrayNode envs = p.putObject("environments").putArray("edges");
        node(envs, FakeRailway.ENV_ID, "production").put("canAccess", true).putNull("deletedAt");
        node(envs, FakeRailway.STAGING_ID, "staging").put("canAccess", true).putNull("deletedAt");
        node(envs, "env-secret", "vault").put("canAccess", false).putNull("deletedAt");
        ArrayNode services = p.putObject("services").putArray("edges");
        node(services, FakeRailway.SERVICE_ID, "api");
        node(services, "svc-worker", "worker");
        node(services, "svc-pg", "Postgres");
        return data("project", p);
    }

    private static ObjectNode node(ArrayNode edges, String id, String name) {
        return edges.addObject().putObject("node").put("id", id).put("name", name);
    }

    private static JsonNode me() {
        ObjectNode me = Json.MAPPER.createObjectNode();
        ArrayNode edges = me.putArray("workspaces").addObject().put("id", "ws-1").put("name", "acme")
                .putObject("projects").putArray("edges");
        node(edges, FakeRailway.PROJECT_ID, "shop").putNull("deletedAt");
        node(edges, "prj-2", "blog").putNull("deletedAt");
        node(edges, "prj-old", "legacy").put("deletedAt", "2026-01-01T00:00:00Z");
        return me;
    }

    private JsonNode variables(JsonNode v, Auth auth) {
        if (!auth.covers(v.path("projectId").asText(), v.path("environmentId").asText())) {
            return FakeRailway.error("Not Authorized");
        }
        Map<String, String> values = fake.variablesOf(v.path("environmentId").asText(), v.path("serviceId").asText());
        return data("variables", Json.MAPPER.valueToTree(values == null ? Map.of() : values));
    }

    private JsonNode deployment(String id, boolean advance) {
        FakeRailway.Deployment d = fake.deployment(id);
        if (d == null) {
            return FakeRailway.error("Deployment not found");
        }
        String status = advance ? d.nextStatus() : d.status;
        return data("deployment", Json.MAPPER.createObjectNode().put("id", d.id).put("status", status)
                .put("createdAt", d.createdAt).put("canRollback", d.canRollback).put("serviceId", d.serviceId)
                .put("environmentId", d.environmentId));
    }

    private JsonNode deployments(JsonNode v) {
        JsonNode input = v.path("input");
        int first = v.path("first").asInt(100);
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode edges = result.putArray("edges");
        fake.deployments().values().stream()
                .filter(d -> d.serviceId.equals(input.path("serviceId").asText())
                        && d.environmentId.equals(input.path("environmentId").asText()))
                .sorted(Comparator.comparing((FakeRailway.Deployment d) -> d.createdAt).reversed())
                .limit(first)
                .forEach(d -> edges.addObject().putObject("node").put("id", d.id).put("status", d.status)
                        .put("createdAt", d.createdAt).put("canRollback", d.canRollback));
        return data("deployments", result);
    }

    /**
     * Status and both logs at once. Like backboard, a log field that fails nulls the whole answer: both fields are
     * non-null in the schema, so the error propagates up to {@code data}.
     */
    private JsonNode progress(JsonNode v) {
        FakeRailway.Deployment d = fake.deployment(v.path("id").asText());
        if (d == null) {
            return FakeRailway.error("Deployment not found");
        }
        if (d.logsBroken) {
            return FakeRailway.error("Failed to retrieve build log");
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.putObject("deployment").put("id", d.id).put("status", d.nextStatus());
        data.set("buildLogs", rows(d.buildLogs, v.path("buildSince"), v.path("limit").asInt(500)));
        data.set("deploymentLogs", rows(d.deployLogs, v.path("deploySince"), v.path("limit").asInt(500)));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", data);
        return body;
    }

    /** Railway's diagnosis (when the test set one) and the last lines of both logs. */
    private JsonNode outcome(JsonNode v) {
        FakeRailway.Deployment d = fake.deployment(v.path("id").asText());
        if (d == null) {
            return FakeRailway.error("Deployment not found");
        }
        ObjectNode data = Json.MAPPER.createObjectNode();
        ObjectNode dep = data.putObject("deployment").put("id", d.id).put("status", d.status);
        if (d.diagnosis == null) {
            dep.putNull("diagnosis");
        } else {
            dep.set("diagnosis", d.diagnosis);
        }
        int limit = v.path("limit").asInt(20);
        data.set("buildLogs", d.logsBroken ? Json.MAPPER.createArrayNode() : rows(d.buildLogs, null, limit));
        data.set("deploymentLogs", d.logsBroken ? Json.MAPPER.createArrayNode() : rows(d.deployLogs, null, limit));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", data);
        return body;
    }

    /** Lines at or after {@code since} (so the last one repeats), at most {@code limit + 1} of them. */
    static ArrayNode rows(List<String[]> lines, JsonNode since, int limit) {
        String from = since == null || since.isNull() ? "" : since.asText("");
        List<String[]> wanted = lines.stream().filter(l -> l[0].compareTo(from) >= 0).toList();
        List<String[]> rows = wanted.subList(Math.max(0, wanted.size() - limit - 1), wanted.size());
        ArrayNode out = Json.MAPPER.createArrayNode();
        rows.forEach(l -> out.addObject().put("timestamp", l[0]).put("message", l[1]));
        return out;
    }

    /** Lines at or after {@code startDate} (so the last one repeats), at most {@code limit + 1} of them. */
    private JsonNode logs(String operation, JsonNode v) {
        FakeRailway.Deployment d = fake.deployment(v.path("deploymentId").asText());
        if (d == null || d.logsBroken) {
            return FakeRailway.error("Failed to retrieve build log");
        }
        List<String[]> lines = operation.equals("BuildLogs") ? d.buildLogs : d.deployLogs;
        String since = v.path("startDate").isNull() ? "" : v.path("startDate").asText("");
        List<String[]> wanted = lines.stream().filter(l -> l[0].compareTo(since) >= 0).toList();
        int limit = v.path("limit").asInt(500) + 1;
        List<String[]> rows = wanted.subList(Math.max(0, wanted.size() - limit), wanted.size());
        ArrayNode out = Json.MAPPER.createArrayNode();
        rows.forEach(l -> out.addObject().put("timestamp", l[0]).put("message", l[1]));
        return data(operation.equals("BuildLogs") ? "buildLogs" : "deploymentLogs", out);
    }

    /** Like Railway: only a deployment that has not finished can be cancelled; it becomes REMOVED. */
    private JsonNode cancel(String id) {
        FakeRailway.Deployment d = fake.deployment(id);
        if (d == null || StatusClass.of(d.status) != StatusClass.PENDING) {
            return FakeRailway.error("Deployment cannot be cancelled");
        }
        d.cancel();
        return data("deploymentCancel", Json.MAPPER.getNodeFactory().booleanNode(true));
    }

    private JsonNode rollback(String id) {
        FakeRailway.Deployment target = fake.deployment(id);
        if (target == null || !target.canRollback) {
            return FakeRailway.error("Deployment cannot be rolled back");
        }
        fake.create(target.serviceId, target.environmentId);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("data").put("deploymentRollback", true);
        return body;
    }
}
