package io.jenkins.plugins.deploygates.engine.docker;

/** What one finished (or timed-out) process left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** The first non-blank line of stderr (else stdout): what a one-sentence error quotes. */
    public String firstErrorLine() {
        for (String text : new String[] {stderr, stdout}) {
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    return line.trim();
                }
            }
        }
        return "no output";
    }
}
