package io.jenkins.plugins.deploygates.engine.smoke;

import java.util.List;

/** A smoke run's report with chosen checks, for tests of what reads reports (the constructor is the engine's own). */
public final class SmokeReports {
    private SmokeReports() {}

    public static SmokeReport of(String flow, String baseUrl, String email, List<CheckResult> checks) {
        return new SmokeReport(flow, baseUrl, email, checks, false);
    }
}
