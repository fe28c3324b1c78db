package io.jenkins.plugins.deploygates.cli;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import io.jenkins.plugins.deploygates.engine.common.GateFailedException;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar deploy-gates-cli.jar <sub-command>}: every gate and deploy step, runnable outside Jenkins.
 * Exit codes are in {@link ExitCode}; errors are one sentence on stderr, never a stack trace.
 */
@Command(
        name = "deploy-gates",
        mixinStandardHelpOptions = true,
        version = "deploy-gates 0.1.0",
        description = "Run Deploy Gates' deploy steps and gates outside Jenkins.",
        subcommands = {HealthGateCommand.class, RailwayUpCommand.class, RailwayRollbackCommand.class,
            DockerRebuildCommand.class, DockerRollbackCommand.class, SmokeAuthCommand.class, ReportCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class})
public final class DeployGatesCli {

    public static void main(String[] args) {
        // json-path logs through SLF4J, which warns on stderr when no binding is present; the CLI needs none.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        // The demo's loopback servers (JDK HttpServer) otherwise delay each small reply by Nagle's ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try { // Ctrl-C and SIGTERM end in exit 1 with a sentence, never 130 or 143
            StopSignals.install(System.err, System.getenv(StopSignals.CLEANUP_VARIABLE));
        } catch (ConfigurationException e) {
            System.err.println("deploy-gates: " + e.getMessage());
            System.exit(ExitCode.USAGE);
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line and returns its exit code; the tests call this. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = commandLine(out, err);
        int code = cli.execute(args);
        if (code == ExitCode.PASSED && StopSignals.received() != null) {
            // it finished just as it was stopped: still 1, so that nothing chained after it (&&) runs
            err.println(commandName(cli) + ": stopped by " + StopSignals.received() + " just as it finished (it had"
                    + " passed).");
            code = ExitCode.FAILED;
        }
        out.flush();
        err.flush();
        return code;
    }

    private static String commandName(CommandLine cli) {
        CommandLine.ParseResult parsed = cli.getParseResult();
        while (parsed != null && parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed == null ? cli.getCommandName() : parsed.commandSpec().name();
    }

    /** The configured command line: converters, and the error handlers that turn exceptions into exit codes. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new DeployGatesCli());
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler(DeployGatesCli::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> executionError(e, command, err));
        return cli;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(command.getCommandName() + ": " + UsageMessages.withoutSecrets(e.getMessage(), args)
                + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    private static int executionError(Exception e, CommandLine command, PrintStream err) {
        String name = command.getCommandName();
        Redactor redactor = Redactor.byShape();
        if (e instanceof ConfigurationException) {
            err.println(name + ": " + redactor.redact(e.getMessage()));
            return ExitCode.USAGE;
        }
        if (e instanceof StoppedException) { // Ctrl-C or SIGTERM: the command cleaned up and says what it kept
            err.println(name + ": stopped by " + StopSignals.cause() + " " + redactor.redact(e.getMessage()) + ".");
            return ExitCode.FAILED;
        }
        if (e instanceof InterruptedException || StopSignals.received() != null) {
            err.println(name + ": stopped by " + StopSignals.cause() + " before it finished"
                    + (e.getMessage() == null ? "" : " (" + redactor.redact(e.getMessage()) + ")") + ".");
            return ExitCode.FAILED;
        }
        if (e instanceof GateFailedException) {
            err.println(name + ": " + redactor.redact(e.getMessage()));
            return ExitCode.FAILED;
        }
        err.println(name + ": internal error (" + e.getClass().getSimpleName() + ": "
                + redactor.redact(String.valueOf(e.getMessage()))
                + "); set DEPLOY_GATES_DEBUG=1 for the stack trace and report it.");
        if (System.getenv("DEPLOY_GATES_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }
}
