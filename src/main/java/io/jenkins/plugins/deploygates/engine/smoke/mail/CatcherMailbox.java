package io.jenkins.plugins.deploygates.engine.smoke.mail;

import java.io.IOException;
import java.time.Duration;

/**
 * A mail catcher's HTTP API (Mailpit, MailDev). Nothing is held open between calls, so its session is the API with
 * the run's timeout; connecting reads the list once, so a wrong address, port or login shows before the run asks
 * for a link.
 */
abstract class CatcherMailbox implements Mailbox, MailSession {
    private final String kind;
    private final String baseUrl;
    private final String user;
    private final String password;
    private HttpMailApi api;
    private String summary;

    CatcherMailbox(String kind, String baseUrl, String user, String password) {
        this.kind = kind;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.user = user;
        this.password = password;
    }

    @Override
    public final MailSession connect(Duration timeout) throws IOException {
        api = new HttpMailApi(baseUrl, user, password, timeout);
        summary = firstLook();
        return this;
    }

    /** Reads the list once and says what it holds. */
    abstract String firstLook() throws IOException;

    final HttpMailApi api() {
        return api;
    }

    final String baseUrl() {
        return baseUrl;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final void awaitChange(Duration pollInterval, Duration max) throws InterruptedException {
        Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), max.toMillis())));
    }

    @Override
    public final void close() {
        // nothing is held open between API calls
    }

    @Override
    public final void abort() {
        // each API call ends by its own timeout
    }

    @Override
    public final String describe() {
        return kind + "+" + baseUrl;
    }
}
