package io.jenkins.plugins.deploygates.engine.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One container of the project as {@code docker inspect} reports it.
 *
 * @param project and {@code service}: from the labels Compose puts on its containers
 * @param health {@code healthy}, {@code unhealthy}, {@code starting}, or empty when the service has no healthcheck
 * @param imageId the id of the image the container was created from ({@code sha256:...})
 * @param imageRef the image name the service uses ({@code Config.Image}), which a build or a rollback re-tags
 */
public record ContainerState(String project, String service, String containerId, String name, String state, String health,
        int exitCode, String imageId, String imageRef, int restarts) {

    public boolean running() {
        return "running".equals(state);
    }

    public static String shortId(String imageId) {
        String id = imageId.startsWith("sha256:") ? imageId.substring("sha256:".length()) : imageId;
        return id.substring(0, Math.min(12, id.length()));
    }

    /** The plain values the Jenkins step returns and the record keeps. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("service", service);
        map.put("container", name);
        map.put("state", state);
        map.put("health", health.isEmpty() ? "none" : health);
        map.put("imageId", shortId(imageId));
        map.put("image", imageRef);
        map.put("restarts", restarts);
        return map;
    }
}
