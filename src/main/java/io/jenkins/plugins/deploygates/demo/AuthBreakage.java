package io.jenkins.plugins.deploygates.demo;

/**
 * Ways to break {@link DemoAuthService} on purpose, one per smoke check, so a demo (and the tests) can show that
 * each broken behaviour fails exactly its own check.
 */
public enum AuthBreakage {
    /** The link request answers 500 and sends nothing (say, the mail relay is down). */
    LINK_REQUEST_FAILS,
    /** The link request answers 202 but no email leaves. */
    NO_EMAIL,
    /** The link is accepted but no session cookie comes back. */
    VERIFY_GIVES_NO_SESSION,
    /** {@code /api/me} answers 500 for a valid session. */
    ME_FAILS,
    /** Any token signs in. */
    INVALID_TOKEN_ACCEPTED,
    /** An unknown token crashes the verify endpoint (500): a crash is no rejection. */
    INVALID_TOKEN_CRASHES,
    /** A used link signs in again. */
    REUSED_LINK_ACCEPTED,
    /** An expired link still signs in. */
    EXPIRED_TOKEN_ACCEPTED,
    /** Logout answers 204 but the session stays valid. */
    LOGOUT_KEEPS_SESSION,
    /** No rate limit on the auth endpoints. */
    NO_RATE_LIMIT,
    /** 429 with {@code Retry-After: 0}, though the window has not ended. */
    RETRY_AFTER_TOO_SHORT
}
