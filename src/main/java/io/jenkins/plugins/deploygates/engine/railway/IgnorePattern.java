package io.jenkins.plugins.deploygates.engine.railway;

import java.util.regex.Pattern;

/**
 * One line of a {@code .gitignore}-syntax file ({@code .gitignore}, {@code .ignore}, {@code .railwayignore}),
 * following gitignore(5): {@code !} negates, a trailing {@code /} matches directories only, a slash anywhere
 * else anchors the pattern to the file's directory, {@code *} and {@code ?} never cross {@code /}, and
 * {@code **} spans directories only as {@code **}/, /{@code **} or /{@code **}/.
 */
final class IgnorePattern {
    private final Pattern regex;
    private final boolean negated;
    private final boolean directoryOnly;

    private IgnorePattern(Pattern regex, boolean negated, boolean directoryOnly) {
        this.regex = regex;
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
        String body = toRegex(p);
        return new IgnorePattern(Pattern.compile(anchored ? body : "(?:.*/)?" + body, Pattern.DOTALL),
                negated, directoryOnly);
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
        return (isDirectory || !directoryOnly) && regex.matcher(path).matches();
    }

    boolean negated() {
        return negated;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = glob.length();
        while (i < n) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i) && atSegmentStart(glob, i) && atSegmentEnd(glob, i + 2)) {
                i = doubleStar(glob, i, re);
                continue;
            }
            if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close > 0) {
                    re.append(characterClass(glob.substring(i + 1, close)));
                    i = close + 1;
                    continue;
                }
                re.append("\\[");
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return re.toString();
    }

    private static boolean atSegmentStart(String glob, int i) {
        return i == 0 || glob.charAt(i - 1) == '/';
    }

    private static boolean atSegmentEnd(String glob, int i) {
        return i == glob.length() || glob.charAt(i) == '/';
    }

    /** {@code **}/ matches zero or more directories; a final {@code **} matches everything below. */
    private static int doubleStar(String glob, int i, StringBuilder re) {
        if (i + 2 == glob.length()) {
            re.append(".*");
            return i + 2;
        }
        re.append("(?:.*/)?");
        return i + 3;
    }

    /** Index of the {@code ]} that closes the class opened at {@code open}, or -1 for a literal {@code [}. */
    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++;
        }
        while (j < glob.length() && glob.charAt(j) != ']') {
            if (glob.charAt(j) == '\\') {
                j++;
            }
            j++;
        }
        return j < glob.length() ? j : -1;
    }

    private static String characterClass(String inside) {
        StringBuilder re = new StringBuilder("(?!/)[");
        int i = 0;
        if (!inside.isEmpty() && (inside.charAt(0) == '!' || inside.charAt(0) == '^')) {
            re.append('^');
            i = 1;
        }
        int first = i;
        for (; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\\' && i + 1 < inside.length()) {
                c = inside.charAt(++i);
            } else if (c == '-' && i > first && i + 1 < inside.length()) {
                re.append('-');
                continue;
            }
            if ("\\[]^&-".indexOf(c) >= 0) {
                re.append('\\');
            }
            re.append(c);
        }
        return re.append(']').toString();
    }
}
