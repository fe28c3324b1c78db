package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the user's global gitignore is, found the way {@code railway up}'s walker (Rust crate {@code ignore}) finds
 * it: {@code core.excludesFile} from {@code $GIT_CONFIG_GLOBAL}, else from {@code ~/.gitconfig}, else from
 * {@code $XDG_CONFIG_HOME/git/config}; when none sets it, {@code $XDG_CONFIG_HOME/git/ignore} ({@code ~/.config}
 * when XDG_CONFIG_HOME is unset or empty). The environment is passed in, so the agent's own is the one that counts.
 */
final class GlobalGitignore {
    /** The crate's own loose reading of the setting: any {@code excludesfile = value} line, case-insensitive. */
    private static final Pattern EXCLUDES_FILE =
            Pattern.compile("(?im)^\\s*excludesfile\\s*=\\s*\"?\\s*(\\S+?)\\s*\"?\\s*$");

    private GlobalGitignore() {
    }

    /** The global gitignore file named by this environment, if that file exists. */
    static Optional<Path> locate(Map<String, String> env) {
        String home = nonEmpty(env.get("HOME"));
        String xdg = xdgConfig(env, home);
        Path configured = excludesFileIn(nonEmpty(env.get("GIT_CONFIG_GLOBAL")), home)
                .or(() -> excludesFileIn(home == null ? null : home + "/.gitconfig", home))
                .or(() -> excludesFileIn(xdg == null ? null : xdg + "/git/config", home))
                .orElse(xdg == null ? null : Path.of(xdg, "git", "ignore"));
        return Optional.ofNullable(configured).filter(Files::isRegularFile);
    }

    private static Optional<Path> excludesFileIn(String configFile, String home) {
        if (configFile == null || !Files.isRegularFile(Path.of(configFile))) {
            return Optional.empty();
        }
        try {
            Matcher m = EXCLUDES_FILE.matcher(Files.readString(Path.of(configFile), StandardCharsets.UTF_8));
            // like the crate, every '~' becomes the home directory, not only a leading one
            return m.find() ? Optional.of(Path.of(home == null ? m.group(1) : m.group(1).replace("~", home)))
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // the crate skips a config it cannot read, and so does git for a missing one
        }
    }

    private static String xdgConfig(Map<String, String> env, String home) {
        String xdg = nonEmpty(env.get("XDG_CONFIG_HOME"));
        return xdg != null ? xdg : home == null ? null : home + "/.config";
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
