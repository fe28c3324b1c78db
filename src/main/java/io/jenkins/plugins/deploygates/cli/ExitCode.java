package io.jenkins.plugins.deploygates.cli;

/** The exit codes every sub-command uses. */
public final class ExitCode {
    /** The gate or deploy passed. */
    public static final int PASSED = 0;
    /** The gate or deploy ran and failed. */
    public static final int FAILED = 1;
    /** Bad usage or configuration: one sentence on stderr says what to fix. */
    public static final int USAGE = 2;
    /** A bug or an environment problem we did not foresee. */
    public static final int INTERNAL = 3;

    private ExitCode() {}
}
