package io.jenkins.plugins.deploygates.engine.railway.upload;

/**
 * One segment of a gitignore pattern against one file name: {@code *} any run of characters, {@code ?} one
 * character, {@code [a-z]} / {@code [!a-z]} / {@code [^a-z]} a class, {@code \} escapes. The classic greedy walk
 * that remembers only the last star: when a later part fails, it retries from one character further after that
 * star and never revisits earlier ones, which is correct for {@code *} (any later star can absorb what an
 * earlier one would have) and bounds the work by (pattern length × name length).
 */
final class Glob {
    private Glob() {}

    static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int starG = -1;
        int starN = -1;
        while (n < name.length()) {
            if (g < glob.length() && glob.charAt(g) == '*') {
                while (g < glob.length() && glob.charAt(g) == '*') {
                    g++;
                }
                starG = g;
                starN = n;
            } else if (g < glob.length() && one(glob, g, name.charAt(n)) >= 0) {
                g = one(glob, g, name.charAt(n));
                n++;
            } else if (starG >= 0) {
                g = starG;
                n = ++starN;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }

    /** @return the index after the token at {@code g} if it matches {@code c}, else -1 */
    private static int one(String glob, int g, char c) {
        char t = glob.charAt(g);
        if (t == '?') {
            return g + 1;
        }
        if (t == '[') {
            int close = classEnd(glob, g);
            if (close > 0) {
                return inClass(glob, g + 1, close, c) ? close + 1 : -1;
            }
            return c == '[' ? g + 1 : -1;
        }
        if (t == '\\' && g + 1 < glob.length()) {
            return glob.charAt(g + 1) == c ? g + 2 : -1;
        }
        return t == c ? g + 1 : -1;
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

    private static boolean inClass(String glob, int from, int close, char c) {
        boolean negated = glob.charAt(from) == '!' || glob.charAt(from) == '^';
        int i = negated ? from + 1 : from;
        int first = i;
        boolean found = false;
        while (i < close) {
            char lo = glob.charAt(i);
            if (lo == '\\' && i + 1 < close) {
                lo = glob.charAt(++i);
            }
            char hi = lo;
            if (i + 2 < close && glob.charAt(i + 1) == '-' && (i > first || lo != ']')) {
                hi = glob.charAt(i + 2);
                if (hi == '\\' && i + 3 < close) {
                    hi = glob.charAt(i + 3);
                    i++;
                }
                i += 2;
            }
            found |= lo <= c && c <= hi;
            i++;
        }
        return found != negated;
    }
}
