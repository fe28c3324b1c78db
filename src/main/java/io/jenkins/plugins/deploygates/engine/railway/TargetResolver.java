package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.railway.RailwayApi.Named;
import io.jenkins.plugins.deploygates.engine.railway.RailwayApi.Project;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds project, environment and service by name or id the way the Railway CLI does: a project token brings
 * its own project and environment; environments match by exact name or id; {@code up} matches the service
 * name exactly, the other commands ignore case. An unknown name is answered with the names that do exist.
 */
public final class TargetResolver {
    private final RailwayApi api;

    public TargetResolver(RailwayApi api) {
        this.api = api;
    }

    public RailwayTarget resolve(String project, String environment, String service, boolean serviceIgnoresCase)
            throws InterruptedException {
        ConfigurationException.require(present(service), "service is required: give the Railway service name or id.");
        Named projectRef;
        Named environmentRef = null;
        if (api.token().kind() == RailwayToken.Kind.PROJECT) {
            RailwayApi.TokenScope scope = api.projectToken();
            projectRef = scope.project();
            requireSame("project", project, projectRef);
            requireSame("environment", environment, scope.environment());
            environmentRef = scope.environment();
        } else {
            ConfigurationException.require(present(project),
                    "project is required with an account token: give the Railway project name or id.");
            ConfigurationException.require(present(environment),
                    "environment is required with an account token: give the Railway environment name or id.");
            projectRef = findProject(project.trim());
        }
        Project p = api.project(projectRef.id());
        Named env = environmentRef != null && !present(environment) ? environmentRef
                : environment(p, environmentRef != null ? environmentRef.id() : environment.trim());
        Named svc = service(p, service.trim(), serviceIgnoresCase);
        return new RailwayTarget(p.id(), p.name(), env.id(), env.name(), svc.id(), svc.name());
    }

    private static void requireSame(String parameter, String given, Named bound) {
        if (present(given) && !given.trim().equals(bound.id()) && !given.trim().equals(bound.name())) {
            throw new ConfigurationException(parameter + " '" + given.trim() + "' is not the one the project token "
                    + "belongs to ('" + bound.name() + "'): leave " + parameter + " empty or use a token for '"
                    + given.trim() + "'.");
        }
    }

    private Named findProject(String wanted) throws InterruptedException {
        try {
            Project p = api.project(wanted);
            return new Named(p.id(), p.name(), true);
        } catch (RailwayApiException e) {
            if (!e.says("project not found")) {
                throw e;
            }
        }
        List<Named> all = api.userProjects();
        List<Named> matches = all.stream().filter(p -> p.id().equalsIgnoreCase(wanted)).collect(Collectors.toList());
        if (matches.isEmpty()) {
            matches = all.stream().filter(p -> p.name().equalsIgnoreCase(wanted)).collect(Collectors.toList());
        }
        ConfigurationException.require(matches.size() <= 1, "project '" + wanted + "' is ambiguous: "
                + matches.size() + " projects have that name, so give the project id.");
        ConfigurationException.require(!matches.isEmpty(), "project '" + wanted + "' not found: the projects this "
                + "token can see are " + names(all) + ".");
        return matches.get(0);
    }

    private static Named environment(Project p, String wanted) {
        Named env = first(p.environments(), e -> e.name().equals(wanted) || e.id().equals(wanted));
        ConfigurationException.require(env != null, "environment '" + wanted + "' not found in project '" + p.name()
                + "': the environments are " + names(p.environments()) + ".");
        ConfigurationException.require(env.usable(), "environment '" + env.name() + "' of project '" + p.name()
                + "' is restricted or deleted: pick another environment or ask for access.");
        return env;
    }

    private static Named service(Project p, String wanted, boolean ignoreCase) {
        Named svc = first(p.services(), s -> s.id().equals(wanted)
                || (ignoreCase ? s.name().equalsIgnoreCase(wanted) : s.name().equals(wanted)));
        ConfigurationException.require(svc != null, "service '" + wanted + "' not found in project '" + p.name()
                + "': the services are " + names(p.services()) + ".");
        return svc;
    }

    private static Named first(List<Named> items, Predicate<Named> test) {
        return items.stream().filter(test).findFirst().orElse(null);
    }

    private static String names(List<Named> items) {
        if (items.isEmpty()) {
            return "(none)";
        }
        return items.stream().map(n -> "'" + n.name() + "'").sorted(String.CASE_INSENSITIVE_ORDER)
                .collect(Collectors.joining(", "));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
