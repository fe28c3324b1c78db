package io.jenkins.plugins.deploygates.engine.smoke;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.smoke.mail.Mailbox;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/** What one smoke run needs: where the service is, the test address, the flow, the mailbox and the secrets. */
public final class SmokeSettings {
    private final String baseUrl;
    private final String email;
    private FlowDefinition flow = FlowDefinition.builtIn(FlowDefinition.MAGIC_LINK);
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Mailbox mailbox;
    private String plusTag;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private String username;
    private String password;
    private final List<String> secrets = new ArrayList<>();
    private final List<String> allowedLinkHosts = new ArrayList<>();
    private final List<String> warnOnly = new ArrayList<>();
    /** What the calls to the service are built on; a Jenkins controller gives one that goes through its proxy. */
    private OkHttpClient http = new OkHttpClient();

    /** The whole run's bound: the mailbox, every request, the email wait and the Retry-After wait included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public SmokeSettings(String baseUrl, String email) {
        this.baseUrl = baseUrl == null ? "" : baseUrl.trim().replaceAll("/+$", "");
        this.email = email == null ? "" : email.trim();
    }

    /** A fresh tag for plus-addressing, so this run reads only its own emails. */
    public static String randomTag() {
        return "smoke" + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffffL);
    }

    /**
     * The one reading of a user's plus tag, for the step and the command line: empty is a fresh random tag per run,
     * {@code none} is the address as given (null), anything else that fits in an address is used as it is.
     */
    public static String tagFor(String value) {
        if (value == null || value.isBlank()) {
            return randomTag();
        }
        if (value.trim().equalsIgnoreCase("none")) {
            return null;
        }
        RunAddress.checkTag(value.trim());
        return value.trim();
    }

    /** {@code name=value} lines, as the step and the command line take flow overrides. */
    public static Map<String, String> parseOverrides(java.util.List<String> lines) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            ConfigurationException.require(eq > 0, "overrides line '" + line.trim()
                    + "' is not name=value: write it like mePath=/api/v2/me.");
            map.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return map;
    }

    /** The one validator of the base URL, used by the step's form check too. */
    public static void checkBaseUrl(String baseUrl) {
        String value = baseUrl == null ? "" : baseUrl.trim();
        boolean ok;
        try {
            URI uri = new URI(value);
            ok = (value.startsWith("http://") || value.startsWith("https://")) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            ok = false;
        }
        ConfigurationException.require(ok,
                "baseUrl '" + value + "' is not an http(s) URL: write it as https://staging.example.com.");
    }

    /** The one validator of an allowed link host ({@code host} or {@code host:port}). */
    public static void checkLinkHost(String host) {
        LinkPolicy.checkHost(host);
    }

    /** The one validator of the test address (with {@code {tag}} where the run's tag goes, if it is not a +tag). */
    public static void checkEmail(String email) {
        ConfigurationException.require(email != null && email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"),
                "email '" + email + "' is not an email address: give the test inbox's address, like smoke@example.com.");
        RunAddress.checkSlot(email.trim());
    }

    void validate() {
        checkBaseUrl(baseUrl);
        checkEmail(email);
        ConfigurationException.require(!flow.needsMailbox || mailbox != null,
                "mailbox is missing: flow '" + flow.name + "' reads an email, so give a mailbox URI.");
        java.util.Set<String> known = new java.util.TreeSet<>(flow.defaults.keySet());
        flow.checks.stream().filter(c -> c.runIf != null).forEach(c -> known.add(c.runIf));
        for (String key : overrides.keySet()) {
            ConfigurationException.require(known.contains(key), "override '" + key
                    + "' is not a setting of flow '" + flow.name + "': use one of " + known + ".");
        }
        ConfigurationException.require(!flow.name.equals(FlowDefinition.PASSWORD) || password != null,
                "loginCredentialsId is missing: the password flow needs the test user's login (command line: --username"
                        + " and SMOKE_LOGIN_PASSWORD).");
        ConfigurationException.require(timeout.toMillis() > 0, "timeout must be longer than 0s: write it as 30s.");
        allowedLinkHosts.forEach(LinkPolicy::checkHost);
        if (plusTag != null && !plusTag.isEmpty()) {
            RunAddress.checkTag(plusTag);
        }
        java.util.Set<String> checks = new java.util.TreeSet<>();
        flow.checks.forEach(c -> checks.add(c.name));
        for (String name : warnOnly) {
            ConfigurationException.require(checks.contains(name), "warnOnly check '" + name + "' is not a check of flow '"
                    + flow.name + "': use one of " + checks + ".");
        }
    }

    /**
     * The test address with this run's tag, so parallel runs read only their own emails: see {@link RunAddress} for
     * where the tag goes.
     */
    public String runAddress() {
        return address().address();
    }

    RunAddress address() {
        return RunAddress.of(email, plusTag == null || plusTag.isEmpty() ? null : plusTag);
    }

    public SmokeSettings flow(FlowDefinition value) { this.flow = value; return this; }
    public SmokeSettings override(String name, String value) { overrides.put(name, value); return this; }
    public SmokeSettings overrides(Map<String, String> values) { overrides.putAll(values); return this; }
    public SmokeSettings mailbox(Mailbox value) { this.mailbox = value; return this; }
    /** Null or empty: use the address as given (see {@link #tagFor} for what users write). */
    public SmokeSettings plusTag(String value) { this.plusTag = value; return this; }
    /** Hosts besides baseUrl's that an emailed link may lead through or to (click trackers, a sign-in host). */
    public SmokeSettings allowLinkHosts(List<String> hosts) { allowedLinkHosts.addAll(hosts); return this; }
    /** Checks whose failure only warns (say "Retry-After honoured"): the run still passes. */
    public SmokeSettings warnOnly(List<String> checks) { warnOnly.addAll(checks); return this; }
    public SmokeSettings http(OkHttpClient value) { this.http = value; return this; }
    public OkHttpClient http() { return http; }
    public SmokeSettings timeout(Duration value) { this.timeout = value; return this; }
    public SmokeSettings pollInterval(Duration value) { this.pollInterval = value; return this; }
    /** The longest Retry-After the "Retry-After honoured" check waits out (within the run's timeout). */
    public SmokeSettings maxRetryAfter(Duration value) { this.maxRetryAfter = value; return this; }
    public SmokeSettings login(String user, String secret) { this.username = user; this.password = secret; return this; }
    /** Values to mask everywhere (mailbox password, API keys). */
    public SmokeSettings secret(String value) { if (value != null) { secrets.add(value); } return this; }

    String baseUrl() { return baseUrl; }
    FlowDefinition flow() { return flow; }
    Map<String, String> overrides() { return overrides; }
    Mailbox mailbox() { return mailbox; }
    Duration timeout() { return timeout; }
    Duration pollInterval() { return pollInterval; }
    Duration maxRetryAfter() { return maxRetryAfter; }
    String username() { return username; }
    String password() { return password; }
    List<String> secrets() { return secrets; }
    List<String> allowedLinkHosts() { return allowedLinkHosts; }
    List<String> warnOnlyChecks() { return warnOnly; }
    String plusTag() { return plusTag; }
}
