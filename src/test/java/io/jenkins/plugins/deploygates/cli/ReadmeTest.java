package io.jenkins.plugins.deploygates.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.deploygates.engine.docker.FakeDocker;
import io.jenkins.plugins.deploygates.engine.railway.FakeRailway;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The README is the user's manual: what it says about the command line is checked here. Every command line it shows
 * names a sub-command and options that exist and parse; the record files its "Command line" table names are the
 * ones each sub-command writes; and it sends no reader to {@code ../shared}, which only this project's machines have.
 */
class ReadmeTest {
    private static final Path README = Path.of("README.md");
    /** {@code bin/deploy-gates ...} or {@code java -jar .../deploy-gates-cli.jar ...}, up to the end of the command. */
    private static final Pattern INVOCATION = Pattern.compile(
            "(?:bin/deploy-gates|java -jar \\S*deploy-gates-cli\\.jar)((?:[ \\t]+[^\\s`#&;|][^\\s`]*)*)");
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| ([^|]+) \\|");
    private static final Pattern FILE_NAME = Pattern.compile("`([\\w.-]+\\.(?:json|xml|html|css))`");

    @TempDir
    Path dir;

    private static String readme() throws IOException {
        // a code block's line that ends with '\' goes on on the next line, as in the shell
        return Files.readString(README).replaceAll("\\\\\\n\\s*", " ");
    }

    /** The README's command lines, as argument lists (sub-command first), quotes resolved as the shell does. */
    static List<List<String>> invocations(String text) {
        List<List<String>> found = new ArrayList<>();
        Matcher m = INVOCATION.matcher(text);
        while (m.find()) {
            found.add(shellWords(m.group(1)));
        }
        return found;
    }

    /** Splits on blanks outside quotes; '...' and "..." quote as in sh (no escapes or expansions are used here). */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder().append(c) : word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void everyCommandLineTheReadmeShowsParses() throws IOException {
        List<List<String>> invocations = invocations(readme());
        Set<String> subCommands = DeployGatesCli.commandLine(System.out, System.err).getSubcommands().keySet();
        List<List<String>> withOptions = invocations.stream().filter(args -> args.size() > 1).toList();

        assertThat(invocations).as("command lines found in the README").hasSizeGreaterThanOrEqualTo(15);
        for (List<String> args : invocations) {
            if (!args.isEmpty() && !args.get(0).startsWith("<")) { // '<sub-command> --help' is a pattern
                assertThat(subCommands).as("sub-command of: deploy-gates " + String.join(" ", args))
                        .contains(args.get(0));
            }
        }
        for (List<String> args : withOptions) {
            if (!args.get(0).startsWith("<")) {
                CommandLine cli = DeployGatesCli.commandLine(quiet(), quiet());
                assertThat(parses(cli, args)).as("deploy-gates " + String.join(" ", args)).isNull();
            }
        }
    }

    /** Null when the arguments parse, else picocli's complaint. */
    private static String parses(CommandLine cli, List<String> args) {
        try {
            cli.parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    void theReaderIsNotSentToThisMachinesSharedFolder() throws IOException {
        for (String section : Files.readString(README).split("(?m)^(?=## )")) {
            String heading = section.lines().findFirst().orElse("");
            if (!heading.contains("CI")) {
                assertThat(section).as("section " + heading).doesNotContain("../shared");
            }
        }
    }

    @Test
    void theLauncherTheReadmeUsesIsCommitted() {
        Path launcher = Path.of("bin", "deploy-gates");
        assertThat(launcher).isRegularFile();
        assertThat(Files.isExecutable(launcher)).as("bin/deploy-gates is executable").isTrue();
    }

    /** Sub-command to the record files the README's table says it writes. */
    private static Map<String, Set<String>> recordTable() throws IOException {
        String text = Files.readString(README);
        String section = text.substring(text.indexOf("## Command line"));
        Map<String, Set<String>> table = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            Set<String> files = new TreeSet<>();
            Matcher file = FILE_NAME.matcher(row.group(2));
            while (file.find()) {
                files.add(file.group(1));
            }
            table.put(row.group(1), files);
        }
        return table;
    }

    /** Runs the command (its exit code does not matter: every outcome writes its records) in a folder of its own. */
    private Set<String> written(String name, Map<String, String> environment, String... args) throws IOException {
        CliEnvironment.use(environment);
        try {
            CliRun.of(args);
        } finally {
            CliEnvironment.reset();
        }
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir.resolve(name))) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(f.getFileName().toString()));
        }
        return files;
    }

    private String reports(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void theRecordsTheReadmeNamesAreTheOnesEachSubCommandWrites() throws Exception {
        Map<String, Set<String>> table = recordTable();
        assertThat(table.keySet()).as("a row per sub-command").containsExactlyInAnyOrderElementsOf(
                DeployGatesCli.commandLine(quiet(), quiet()).getSubcommands().keySet().stream()
                        .filter(n -> !n.equals("help")).toList());
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.writeString(app.resolve("index.js"), "listen()");
        FakeDocker docker = new FakeDocker(dir.resolve("docker"));
        Map<String, String> token = Map.of("RAILWAY_TOKEN", FakeRailway.PROJECT_TOKEN);
        String closed = "http://127.0.0.1:1";
        Map<String, Set<String>> written = new LinkedHashMap<>();

        written.put("health-gate", written("health-gate", Map.of(), "health-gate", "--url", closed, "--interval",
                "50ms", "--timeout", "200ms", "--report-dir", reports("health-gate")));
        try (FakeRailway fake = new FakeRailway()) {
            fake.existing("dep-a", "REMOVED", true).existing("dep-b", "CRASHED", false);
            written.put("railway-rollback", written("railway-rollback", token, "railway-rollback", "--service", "api",
                    "--environment", "production", "--api-url", fake.url(), "--poll-interval", "10ms",
                    "--report-dir", reports("railway-rollback")));
            written.put("railway-up", written("railway-up", token, "railway-up", "--service", "api", "--environment",
                    "production", "--path", app.toString(), "--path-as-root", "--api-url", fake.url(), "--poll-interval", "10ms",
                    "--report-dir", reports("railway-up")));
        }
        for (String command : List.of("docker-rebuild", "docker-rebuild", "docker-rollback")) {
            written.put(command, written(command, docker.env(), command, "--workdir", docker.project.toString(), "-p",
                    "shop", "--stable-for", "0s", "--poll-interval", "20ms", "--report-dir", reports(command)));
        }
        written.put("smoke-auth", written("smoke-auth", Map.of("SMOKE_LOGIN_PASSWORD", "login-pw-1234"), "smoke-auth",
                "--base-url", closed, "--email", "a@example.test", "--flow", "password", "--report-dir",
                reports("smoke-auth")));
        Files.createDirectories(dir.resolve("report"));
        Files.copy(dir.resolve("health-gate/health-gate.json"), dir.resolve("report/health-gate.json"));
        Set<String> report = written("report", Map.of(), "report", "--dir", reports("report"));
        report.remove("health-gate.json");
        written.put("report", report);
        written.put("demo", written("demo", Map.of(), "demo", "--healthy-after", "0s", "--watch", "300ms",
                "--report-dir", reports("demo")));

        assertThat(written).isEqualTo(table);
    }
}
