package io.jenkins.plugins.deploygates.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The kit's real Jenkins 2.528.3 ({@code ../shared/jenkins}) with this build's {@code target/deploy-gates.hpi}, a
 * WebSocket agent labelled {@value #AGENT_LABEL}, and the Global Trusted Pipeline Library {@code deploy-gates}
 * loaded by the git plugin from a throw-away repository of this checkout's {@code vars/}, {@code src/io/} and
 * {@code resources/} as they are on disk.
 *
 * <p>One controller serves the whole suite: the first test JVM that calls {@link #get()} starts it (on a free port)
 * in {@code target/real-services/jenkins}; later JVMs find it running and reuse it, after committing the library
 * again (a running controller with another .hpi is restarted). Tests never stop it: Maven does, after the
 * integration tests ({@code build/stop-real-services}). Logs stay there: {@code jenkins.log},
 * {@code agents/<name>.log}; each build console a test reads is kept in {@code target/real-jenkins/consoles/}.
 * Without the kit the calling test is skipped with one line (failed under
 * {@code DEPLOY_GATES_REAL_SERVICES=required}).
 */
public final class RealJenkins {
    /** The label of the agent tests run their work on (a plain {@code node {}} stays on the built-in node). */
    public static final String AGENT_LABEL = "deploy-gates-agent";
    private static final int AGENT_EXECUTORS = 6;
    private static RealJenkins shared;
    private static String unavailable;

    private final KitScripts kit;
    /** JENKINS_HOME: {@code target/real-services/jenkins}. */
    private final Path home;
    private final URI url;
    /** The REST API as admin, alice or bob, with the API tokens the kit wrote into the home. */
    private final JenkinsHttp http;

    RealJenkins(KitScripts kit, Path home, int port) {
        this.url = URI.create("http://127.0.0.1:" + port + "/");
        this.http = new JenkinsHttp(url, home.resolve("secrets"));
        this.kit = kit;
        this.home = home;
    }

    /** The suite's controller, started or found running; skips (or fails) the calling test when there is none. */
    public static synchronized RealJenkins get() {
        if (shared == null && unavailable == null) {
            try {
                shared = ControllerStartup.startOrReuse();
                shared.agent(AGENT_LABEL, AGENT_LABEL, AGENT_EXECUTORS, Map.of());
            } catch (ControllerStartup.Unavailable e) {
                unavailable = e.getMessage();
            }
        }
        if (shared == null) {
            throw RealServices.unavailable(unavailable);
        }
        return shared;
    }

    public URI url() {
        return url;
    }

    public Path home() {
        return home;
    }

    /** Creates or replaces a Pipeline job running {@code script} in the Groovy sandbox, as a user's job does. */
    public void pipelineJob(String name, String script) {
        saveJob(name, JobConfig.inline(script));
    }

    /** Creates or replaces a Pipeline job whose Jenkinsfile is {@code scriptPath} on branch main of {@code repo}. */
    public void pipelineJobFromGit(String name, GitRepository repo, String scriptPath) {
        saveJob(name, JobConfig.fromGit(repo.url(), scriptPath));
    }

    /** Starts a build of {@code job} as {@code user} (its cause names that user) and returns it once it runs. */
    public RealBuild build(String job, String user) {
        JenkinsResponse queued = http.post(user, JenkinsHttp.jobPath(job) + "/build?delay=0sec", "text/plain", "");
        String item = queued.header("location");
        if (queued.status() != 201 || item == null) {
            throw new AssertionError(user + " could not start " + job + ": HTTP " + queued.status() + " " + queued.text());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = http.json(user, URI.create(item).getPath() + "api/json");
            if (state.path("cancelled").asBoolean(false)) {
                throw new AssertionError("the queue item of " + job + " was cancelled");
            }
            if (state.path("executable").has("number")) {
                return new RealBuild(http, job, state.path("executable").path("number").asInt());
            }
            pause(Duration.ofMillis(300));
        }
        throw new AssertionError(job + " stayed in the queue for 3 minutes: " + http.get("admin", "queue/api/json").text());
    }

    /** A build that has already started. */
    public RealBuild build(String job, int number) {
        return new RealBuild(http, job, number);
    }

    /** GET any page or API of the controller as {@code user}. */
    public JenkinsResponse get(String user, String path) {
        return http.get(user, path);
    }

    /** The {@code Authorization} header value of {@code user}, for a client of its own (a browser proxy...). */
    public String authorization(String user) {
        return http.basicAuth(user);
    }

    /** Runs a Groovy script in the script console as admin and returns what it printed. */
    public String runScript(String groovy) {
        JenkinsResponse answer = http.postForm("admin", "scriptText", Map.of("script", groovy));
        if (answer.status() != 200) {
            throw new AssertionError("script console: HTTP " + answer.status() + " " + answer.text());
        }
        return answer.text();
    }

    /** A global Secret text credential (created or replaced). */
    public void secretText(String id, String secret) {
        saveCredential(id, "new org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl(GLOBAL, id, "
                + "'deploy-gates tests', hudson.util.Secret.fromString(" + decoded(secret) + "))");
    }

    /** A global Username with password credential (created or replaced). */
    public void usernamePassword(String id, String username, String password) {
        saveCredential(id, "new com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl(GLOBAL, id, "
                + "'deploy-gates tests', " + decoded(username) + ", " + decoded(password) + ")");
    }

    /**
     * Starts (or finds online) one more WebSocket agent with these labels; its processes, and so the builds' shell
     * steps on it, get {@code environment} on top of this JVM's.
     */
    public void agent(String name, String labels, int executors, Map<String, String> environment) {
        String online = http.get("admin", "computer/" + JenkinsHttp.encode(name) + "/api/json?tree=offline").text();
        if (online.contains("\"offline\":false")) {
            return;
        }
        int exit = kit.run(List.of("bin/start-agent", "--home", home.toString(), "--port", String.valueOf(url.getPort()),
                "--name", name, "--workdir", RealServices.directory(name).toString(), "--labels", labels,
                "--executors", String.valueOf(executors), "--timeout", "240"), environment, Duration.ofMinutes(5));
        if (exit != 0) {
            throw new AssertionError("agent " + name + " did not come online (exit " + exit + "); see "
                    + kit.log("start-agent"));
        }
    }

    private void saveJob(String name, String config) {
        boolean exists = http.get("admin", JenkinsHttp.jobPath(name) + "/api/json").status() == 200;
        JenkinsResponse saved = exists
                ? http.post("admin", JenkinsHttp.jobPath(name) + "/config.xml", "application/xml", config)
                : http.post("admin", "createItem?name=" + JenkinsHttp.encode(name), "application/xml", config);
        if (!saved.accepted()) {
            throw new AssertionError("job " + name + " could not be saved: HTTP " + saved.status() + " " + saved.text());
        }
    }

    private void saveCredential(String id, String constructor) {
        String output = runScript("import static com.cloudbees.plugins.credentials.CredentialsScope.GLOBAL\n"
                + "import com.cloudbees.plugins.credentials.SystemCredentialsProvider\n"
                + "import com.cloudbees.plugins.credentials.domains.Domain\n"
                + "def id = " + decoded(id) + "\n"
                + "def store = SystemCredentialsProvider.getInstance().getStore()\n"
                + "def c = " + constructor + "\n"
                + "def old = store.getCredentials(Domain.global()).find { it.id == id }\n"
                + "if (old) { store.updateCredentials(Domain.global(), old, c) } else { store.addCredentials(Domain.global(), c) }\n"
                + "print 'saved'");
        if (!output.trim().equals("saved")) {
            throw new AssertionError("credential " + id + " was not saved: " + output);
        }
    }

    /** A Groovy expression giving {@code value} back, whatever characters it holds. */
    private static String decoded(String value) {
        String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return "new String(Base64.decoder.decode('" + base64 + "'), 'UTF-8')";
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
