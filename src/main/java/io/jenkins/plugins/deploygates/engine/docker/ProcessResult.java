package io.jenkins.plugins.deploygates.engine.docker;

/** What one finished (or timed-out) process left behind. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /**
     * The line a one-sentence error quotes: the last line of stderr (else stdout) that is not a warning, a progress
     * line or a hint, in plain text. Compose prints its fatal error last, after warnings such as "the attribute
     * `version` is obsolete" and after its progress lines; the docker CLI prints its error first and a hint after.
     */
    public String errorLine() {
        for (String text : new String[] {stderr, stdout}) {
            String last = null;
            for (String line : text.split("\\R")) {
                String plain = TerminalText.plain(line).trim();
                if (!plain.isEmpty() && !TerminalText.isNoise(plain)) {
                    last = plain;
                }
            }
            if (last != null) {
                return last;
            }
        }
        return "no output";
    }
}
