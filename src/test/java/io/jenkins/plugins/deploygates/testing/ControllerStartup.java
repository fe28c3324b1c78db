package io.jenkins.plugins.deploygates.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How {@link RealJenkins} comes to be: under a file lock (test JVMs may overlap), the library is committed again,
 * and a controller a previous JVM started is reused when it still answers and runs this build's .hpi; otherwise the
 * kit starts one on a free port ({@code deploy-gates-tests.properties} in its home says which).
 */
final class ControllerStartup {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final String STATE = "deploy-gates-tests.properties";

    /** The controller cannot be had here (no kit, no .hpi, it did not start): tests skip with this sentence. */
    static final class Unavailable extends Exception {
        Unavailable(String why) {
            super(why);
        }
    }

    private ControllerStartup() {}

    static RealJenkins startOrReuse() throws Unavailable {
        Path kit = RealServices.shared("jenkins");
        if (!Files.isExecutable(kit.resolve("bin/start-jenkins"))) {
            throw new Unavailable("real Jenkins tests skipped: the Jenkins kit is not at " + kit);
        }
        Path hpi = Path.of(System.getProperty("deploygates.hpi",
                RealServices.buildDirectory().resolve("deploy-gates.hpi").toString()));
        if (!Files.isRegularFile(hpi)) {
            throw new Unavailable("real Jenkins tests skipped: " + hpi + " is missing (run ./mvnw package first)");
        }
        Path home = RealServices.directory("jenkins");
        KitScripts scripts = new KitScripts(kit);
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolveSibling("jenkins.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                GitRepository library = commitLibrary();
                String hpiSum = sha256(hpi);
                RealJenkins running = running(scripts, home, hpiSum);
                return running != null ? running : start(scripts, home, hpi, hpiSum, library);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This checkout's library as it is on disk, committed (when changed) into the repository Jenkins loads it from. */
    private static GitRepository commitLibrary() {
        Path checkout = RealServices.buildDirectory().getParent();
        GitRepository library = GitRepository.at(RealServices.directory("deploy-gates-library"))
                .replaceWith(checkout, "vars", "src/io", "resources");
        library.commit("the library as the tests found it in " + checkout);
        return library;
    }

    /** The controller a previous test JVM started, if it still answers and runs this .hpi; else it is stopped. */
    private static RealJenkins running(KitScripts scripts, Path home, String hpiSum) throws IOException {
        Path state = home.resolve(STATE);
        if (!Files.isRegularFile(state) || !Files.isRegularFile(home.resolve("jenkins.pid"))) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            properties.load(in);
        }
        RealJenkins found = new RealJenkins(scripts, home, Integer.parseInt(properties.getProperty("port")));
        boolean answers;
        try {
            answers = found.get("admin", "api/json?tree=mode").status() == 200;
        } catch (UncheckedIOException notListening) {
            answers = false;
        }
        if (answers && hpiSum.equals(properties.getProperty("hpi"))) {
            return found;
        }
        scripts.run(List.of("bin/stop-jenkins", "--home", home.toString(), "--grace", "20"), Map.of(), Duration.ofMinutes(2));
        return null;
    }

    private static RealJenkins start(KitScripts scripts, Path home, Path hpi, String hpiSum, GitRepository library)
            throws IOException, Unavailable {
        Path init = RealServices.buildDirectory().resolve("real-jenkins/real-jenkins-init.groovy");
        Files.createDirectories(init.getParent());
        try (InputStream script = ControllerStartup.class.getResourceAsStream("real-jenkins-init.groovy")) {
            Files.write(init, script.readAllBytes());
        }
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            int exit = scripts.run(List.of("bin/start-jenkins", "--home", home.toString(), "--port", String.valueOf(port),
                    "--plugin", hpi.toString(), "--init", init.toString(), "--timeout",
                    String.valueOf(START_TIMEOUT.toSeconds()), "--java-opts",
                    "-Dhudson.plugins.git.GitSCM.ALLOW_LOCAL_CHECKOUT=true"),
                    Map.of("DEPLOY_GATES_LIBRARY_REPO", library.url()), START_TIMEOUT.plusMinutes(1));
            if (exit == 0) {
                remember(home, port, hpiSum);
                return new RealJenkins(scripts, home, port);
            }
            String output = Files.readString(scripts.log("start-jenkins"));
            if (exit == 3) {
                throw new AssertionError("the kit's Jenkins is up but a plugin failed to load (deploy-gates.hpi?); see "
                        + home.resolve("jenkins.log") + ":\n" + output);
            }
            if (!output.contains("already in use") || attempt == 3) {
                throw new Unavailable("real Jenkins tests skipped: the kit's Jenkins did not start (exit " + exit
                        + "); see " + scripts.log("start-jenkins"));
            }
        }
    }

    private static void remember(Path home, int port, String hpiSum) throws IOException {
        Properties state = new Properties();
        state.setProperty("port", String.valueOf(port));
        state.setProperty("hpi", hpiSum);
        try (var out = Files.newOutputStream(home.resolve(STATE))) {
            state.store(out, "written by RealJenkins: the controller later test JVMs reuse");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
