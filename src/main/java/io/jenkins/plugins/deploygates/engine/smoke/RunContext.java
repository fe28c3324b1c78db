package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.Deadline;
import io.jenkins.plugins.deploygates.engine.smoke.mail.MailWaiter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every check of one run shares: what the run learnt, its HTTP client, its mailbox connection (null for a
 * flow without email), its deadline, the link and address rules, and its log (lines are redacted on the way).
 */
record RunContext(RunState state, HttpCaller http, MailWaiter mail, Sleeper sleeper, Deadline deadline,
        Duration maxRetryAfter, LinkPolicy links, RunAddress address, Consumer<String> log) {}
