package io.jenkins.plugins.deploygates.engine.report;

import java.time.Instant;

/**
 * One moment of a promotion: a deploy, a gate, an approval, a rollback. Fields hold raw record text; the
 * timeline escapes them.
 *
 * @param at when it happened, or null when the record did not say (such events keep their place at the end)
 * @param kind deploy, gate, smoke, migrations, approval, refusal, promotion, rollback, stage, run
 * @param verdict the outcome word (PASS, SUCCESS, failed, rolled back...), or null
 * @param durationMs how long it took, when the record says
 * @param url a link to the deployment, or null
 */
record TimelineEvent(Instant at, String stage, String kind, String title, String verdict, String detail,
        Long durationMs, String url) {
}
