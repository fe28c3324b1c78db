package io.jenkins.plugins.deploygates.engine.docker;

import java.util.regex.Pattern;

/**
 * Docker's output as plain text. Compose writes terminal codes even into piped output ({@code ESC[2K} in
 * {@code compose logs}); they would garble the console and the record. It also prints warnings and progress lines
 * around its real error, which a one-sentence message must not quote instead of the error.
 */
final class TerminalText {
    /** CSI ({@code ESC[2K}), OSC (titles, links), two-character escapes, and every other control but tab. */
    private static final Pattern CODES = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])?"
                    + "|[\u0000-\u0008\u000B-\u001A\u001C-\u001F\u007F\u009B]");
    /** Compose's logrus warnings (text and key=value forms) and the docker CLI's own. */
    private static final Pattern WARNING = Pattern.compile(
            "(?i)^(?:time=\"[^\"]*\"\\s+)?level=warn(?:ing)?\\b.*|^WARN(?:ING)?\\b.*|^WARN\\[\\d+\\].*");
    /** Progress ({@code Container shop-web-1  Started}, {@code #5 [web 2/3] RUN ...}) and help hints. */
    private static final Pattern NOISE = Pattern.compile(
            "^(?:\\W )?(?:(?:Container|Network|Volume|Image|Service) \\S+ {2,}\\S.*|#\\d+ .*|-{3,}|(?:Run|See) '.*--help'.*)$");

    private TerminalText() {}

    static String plain(String line) {
        return CODES.matcher(line).replaceAll("");
    }

    /** A line that explains nothing on its own: a warning, a progress line or a pointer to --help. */
    static boolean isNoise(String plainLine) {
        return WARNING.matcher(plainLine).matches() || NOISE.matcher(plainLine).matches();
    }
}
