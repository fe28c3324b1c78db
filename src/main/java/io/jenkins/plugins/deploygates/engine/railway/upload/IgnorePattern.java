package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a {@code .gitignore}-syntax file ({@code .gitignore}, {@code .ignore}, {@code .railwayignore}),
 * following gitignore(5): {@code !} negates, a trailing {@code /} matches directories only, a slash anywhere
 * else anchors the pattern to the file's directory, {@code *} and {@code ?} never cross {@code /}, and
 * {@code **} spans directories only as {@code **}/, /{@code **} or /{@code **}/.
 *
 * <p>Ignore files come from the repository being deployed, so nobody here controls them: matching never
 * backtracks more than once per star ({@link Glob}), so a line such as {@code *a*a*a*a*b} costs at most
 * (pattern length × name length) steps instead of the exponential time a regular expression would take.
 */
final class IgnorePattern {
    private final List<String> segments; // "**" marks a segment that spans directories
    private final boolean negated;
    private final boolean directoryOnly;

    private IgnorePattern(List<String> segments, boolean negated, boolean directoryOnly) {
        this.segments = segments;
        this.negated = negated;
        this.directoryOnly = directoryOnly;
    }

    /** @return the pattern, or null for a blank line, a comment or a pattern that can match nothing */
    static IgnorePattern parse(String line) {
        String p = trimTrailingSpaces(line);
        if (p.isEmpty() || p.startsWith("#")) {
            return null;
        }
        boolean negated = p.startsWith("!");
        if (negated) {
            p = p.substring(1);
        } else if (p.startsWith("\\!") || p.startsWith("\\#")) {
            p = p.substring(1);
        }
        boolean directoryOnly = p.endsWith("/") && !p.endsWith("\\/");
        if (directoryOnly) {
            p = p.substring(0, p.length() - 1);
        }
        boolean anchored = p.contains("/");
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        if (!anchored) {
            segments.add("**");
        }
        for (String s : p.split("/", -1)) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        return new IgnorePattern(List.copyOf(segments), negated, directoryOnly);
    }

    /** Trailing spaces are dropped unless escaped with a backslash. */
    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end < line.length() && end > 0 && line.charAt(end - 1) == '\\') {
            end++;
        }
        return line.substring(0, end);
    }

    /** @param path relative to the ignore file's directory, with {@code /} separators */
    boolean matches(String path, boolean isDirectory) {
        return (isDirectory || !directoryOnly) && matchesSegments(path.split("/", -1));
    }

    boolean negated() {
        return negated;
    }

    /**
     * The path's segments against the pattern's, where a {@code **} segment matches any run of segments (a final
     * one at least one segment, as git has it: {@code dir/**} matches what is inside {@code dir}, not {@code dir}).
     * The single-backtrack wildcard walk of {@link Glob}, lifted from characters to segments.
     */
    private boolean matchesSegments(String[] path) {
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < path.length) {
            if (p < segments.size() && segments.get(p).equals("**")) {
                boolean last = p == segments.size() - 1;
                starP = p++;
                starS = last ? s + 1 : s; // a trailing ** swallows at least one segment
                if (last) {
                    return true;
                }
            } else if (p < segments.size() && Glob.matches(segments.get(p), path[s])) {
                p++;
                s++;
            } else if (starP >= 0) {
                p = starP + 1;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < segments.size() && segments.get(p).equals("**") && p != segments.size() - 1) {
            p++;
        }
        return p == segments.size();
    }
}
