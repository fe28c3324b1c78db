package io.jenkins.plugins.deploygates.engine.railway;

/**
 * The GraphQL documents this client sends, with the Railway CLI's operation names (backboard and the fake
 * server route on them). Each selects only the fields the engine reads.
 */
final class RailwayQueries {
    static final String PROJECT_TOKEN = "query ProjectToken { projectToken { projectId environmentId "
            + "project { id name } environment { id name } } }";

    static final String PROJECT = "query Project($id: String!) { project(id: $id) { id name "
            + "environments { edges { node { id name canAccess deletedAt } } } "
            + "services { edges { node { id name } } } } }";

    static final String USER_PROJECTS = "query UserProjects { me { workspaces { id name "
            + "projects(first: 500) { edges { node { id name deletedAt } } } } } }";

    static final String VARIABLES = "query Variables($projectId: String!, $environmentId: String!, "
            + "$serviceId: String) { variables(projectId: $projectId, environmentId: $environmentId, "
            + "serviceId: $serviceId) }";

    static final String DEPLOYMENT_STATUS = "query DeploymentStatus($id: String!) { deployment(id: $id) { id status } }";

    static final String DEPLOYMENT = "query Deployment($id: String!) { deployment(id: $id) { id status createdAt "
            + "canRollback serviceId environmentId } }";

    static final String DEPLOYMENTS = "query Deployments($input: DeploymentListInput!, $first: Int) { "
            + "deployments(input: $input, first: $first) { edges { node { id status createdAt canRollback } } } }";

    static final String BUILD_LOGS = logs("BuildLogs", "buildLogs");

    static final String DEPLOYMENT_LOGS = logs("DeploymentLogs", "deploymentLogs");

    /** {@code deploymentRollback} returns a bare {@code Boolean!}: selecting sub-fields is a validation error. */
    static final String DEPLOYMENT_ROLLBACK = "mutation DeploymentRollback($id: String!) { deploymentRollback(id: $id) }";
    /** Railway's "Abort": a queued or building deployment becomes REMOVED and never serves. */
    static final String DEPLOYMENT_CANCEL = "mutation DeploymentCancel($id: String!) { deploymentCancel(id: $id) }";

    /**
     * What the polling follower asks every round, in one request: the status and the log lines since the newest
     * ones printed. A log field that fails leaves the status readable (Railway answers the fields one by one).
     */
    static final String DEPLOYMENT_PROGRESS = "query DeploymentProgress($id: String!, $limit: Int, "
            + "$buildSince: DateTime, $deploySince: DateTime) { deployment(id: $id) { id status } "
            + "buildLogs(deploymentId: $id, limit: $limit, startDate: $buildSince) { timestamp message } "
            + "deploymentLogs(deploymentId: $id, limit: $limit, startDate: $deploySince) { timestamp message } }";

    /** Why a deployment failed: Railway's diagnosis and the last lines of both logs. */
    static final String DEPLOYMENT_OUTCOME = "query DeploymentOutcome($id: String!, $limit: Int) { "
            + "deployment(id: $id) { id status diagnosis } "
            + "buildLogs(deploymentId: $id, limit: $limit) { timestamp message } "
            + "deploymentLogs(deploymentId: $id, limit: $limit) { timestamp message } }";

    /** The subscriptions the Railway CLI follows a deployment with (graphql-transport-ws). */
    static final String SUBSCRIBE_DEPLOYMENT = "subscription Deployment($id: String!) { deployment(id: $id) { id "
            + "status deploymentStopped } }";

    static final String SUBSCRIBE_BUILD_LOGS = "subscription BuildLogs($deploymentId: String!, $filter: String, "
            + "$limit: Int) { buildLogs(deploymentId: $deploymentId, filter: $filter, limit: $limit) { timestamp "
            + "message } }";

    static final String SUBSCRIBE_DEPLOYMENT_LOGS = "subscription DeploymentLogs($deploymentId: String!, "
            + "$filter: String, $limit: Int) { deploymentLogs(deploymentId: $deploymentId, filter: $filter, "
            + "limit: $limit) { timestamp message } }";

    private RailwayQueries() {}

    private static String logs(String operation, String field) {
        return "query " + operation + "($deploymentId: String!, $limit: Int, $startDate: DateTime, "
                + "$endDate: DateTime, $filter: String) { " + field + "(deploymentId: $deploymentId, limit: $limit, "
                + "startDate: $startDate, endDate: $endDate, filter: $filter) { timestamp message } }";
    }
}
