package io.jenkins.plugins.deploygates.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.common.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run's card shows what each check saw, and the outcomes a smoke run has besides passed and failed:
 * warned (a warn-only check), not run (a stopped run), skipped.
 */
class SmokeTableTest {
    @TempDir
    Path dir;

    private static Map<String, Object> check(String outcome, boolean passed, Integer status, String saw, String reason) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("outcome", outcome);
        c.put("passed", passed);
        c.put("status", status);
        c.put("latencyMillis", 12);
        c.put("saw", saw);
        c.put("reason", reason);
        return c;
    }

    /** Issue 16, point 6: the rate-limit check showed as "202, —", with no word of the 429 it saw. */
    @Test
    void eachCheckShowsWhatItSawAndHowItEnded() throws Exception {
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("rate limit present", check("PASSED", true, 429, "429 on request 4 of 20 (Retry-After: 1)", null));
        checks.put("Retry-After honoured", check("WARNED", true, 429, "waited the Retry-After of 0s, then 429",
                "after waiting the Retry-After of 0s, POST /x answered 429, expected 2xx"));
        checks.put("logout invalidates session", check("NOT_RUN", false, null, null, "the run was stopped before this check"));
        Json.write(dir.resolve("smoke-auth.json"), Map.of("flow", "magic-link", "checks", checks));

        Document page = DeployGatesReportTest.render(dir);

        assertThat(DeployGatesReportTest.rows(page, "table.checks")).containsExactly(
                List.of("rate limit present", "passed", "429", "12 ms", "429 on request 4 of 20 (Retry-After: 1)"),
                List.of("Retry-After honoured", "warned", "429", "12 ms",
                        "after waiting the Retry-After of 0s, POST /x answered 429, expected 2xx"),
                List.of("logout invalidates session", "not run", "—", "12 ms", "the run was stopped before this check"));
        assertThat(page.selectFirst("article.smoke .badge").text()).isEqualTo("1 of 3 passed");
        assertThat(page.selectFirst("article.smoke .badge").className()).contains("fail");
    }
}
