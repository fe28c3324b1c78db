package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.Serializable;
import java.time.Duration;

/**
 * What to verify once Railway says SUCCESS: a health gate on the deployment's domain ({@code healthCheck}, a
 * path such as {@code /health} or a full URL) and that a version endpoint reports the version just deployed
 * ({@code expectVersion} at {@code versionUrl}, default {@code /version}).
 */
public record PostDeployChecks(String healthCheck, Duration healthCheckTimeout, String expectVersion,
        String versionUrl) implements Serializable {
    public static final Duration DEFAULT_HEALTH_CHECK_TIMEOUT = Duration.ofMinutes(5);

    public PostDeployChecks {
        healthCheck = blankToNull(healthCheck);
        expectVersion = blankToNull(expectVersion);
        versionUrl = blankToNull(versionUrl);
        healthCheckTimeout = healthCheckTimeout == null ? DEFAULT_HEALTH_CHECK_TIMEOUT : healthCheckTimeout;
        ConfigurationException.require(!healthCheckTimeout.isNegative() && !healthCheckTimeout.isZero(),
                "healthCheckTimeout must be longer than 0s: write it as 5m.");
    }

    public static PostDeployChecks none() {
        return new PostDeployChecks(null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
