package io.jenkins.plugins.deploygates.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The demo service's memory: one-time link tokens, sessions, and users with passwords. */
final class AuthStore {
    /** How a token presented at the verify endpoint turned out. */
    enum TokenState { VALID, UNKNOWN, USED, EXPIRED }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Clock clock;
    private final Duration tokenTtl;
    private final Map<String, LinkToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    AuthStore(Clock clock, Duration tokenTtl) {
        this.clock = clock;
        this.tokenTtl = tokenTtl;
    }

    String issueToken(String email) {
        return put(email, clock.instant().plus(tokenTtl));
    }

    String issueExpiredToken(String email) {
        return put(email, clock.instant().minusSeconds(1));
    }

    private String put(String email, Instant expiresAt) {
        String token = randomHex();
        tokens.put(token, new LinkToken(email, expiresAt));
        return token;
    }

    TokenState check(String token) {
        LinkToken t = token == null ? null : tokens.get(token);
        if (t == null) {
            return TokenState.UNKNOWN;
        }
        if (t.used) {
            return TokenState.USED;
        }
        return clock.instant().isBefore(t.expiresAt) ? TokenState.VALID : TokenState.EXPIRED;
    }

    /** Marks the token used and returns whose it was (a stranger's for an unknown token). */
    String use(String token) {
        LinkToken t = tokens.get(token);
        if (t == null) {
            return "unknown@invalid";
        }
        t.used = true;
        return t.email;
    }

    String openSession(String email) {
        String id = randomHex();
        sessions.put(id, email);
        return id;
    }

    Optional<String> sessionUser(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id));
    }

    void closeSession(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    void addUser(String email, String password) {
        passwords.put(email.toLowerCase(java.util.Locale.ROOT), password);
    }

    boolean passwordMatches(String email, String password) {
        String expected = email == null ? null : passwords.get(email.toLowerCase(java.util.Locale.ROOT));
        return expected != null && expected.equals(password);
    }

    private static String randomHex() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static final class LinkToken {
        final String email;
        final Instant expiresAt;
        volatile boolean used;

        LinkToken(String email, Instant expiresAt) {
            this.email = email;
            this.expiresAt = expiresAt;
        }
    }
}
