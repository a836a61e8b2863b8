package dev.airlock.core.topology;

import java.util.regex.Pattern;

/**
 * A path pattern of an egress allowlist entry, matched against a URL's decoded path: {@code *} stands for any
 * text within one segment, {@code **} for any text across segments ({@code /guide/**}). Dot segments are refused
 * on both sides, so a pattern cannot be written, nor a path sent, that means something else once resolved.
 */
public final class PathGlob {

    private static final Pattern SEGMENT_DOTS = Pattern.compile("(^|/)\\.{1,2}(/|$)");

    private final String text;
    private final Pattern regex;

    private PathGlob(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static PathGlob parse(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("path pattern '" + text + "' must start with '/'");
        }
        if (text.contains("***")) {
            throw new IllegalArgumentException("path pattern '" + text + "' has '***'; use '*' within a segment or '**' across");
        }
        if (SEGMENT_DOTS.matcher(text).find()) {
            throw new IllegalArgumentException("path pattern '" + text + "' has a '.' or '..' segment");
        }
        for (char c : text.toCharArray()) {
            // The pattern is matched against the decoded path: a '%' would be ambiguous, '?' and '#' end a path.
            if (c == '?' || c == '#' || c == '%' || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("path pattern '" + text + "' may not contain '" + c + "'");
            }
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            if (text.startsWith("**", i)) {
                regex.append(".*");
                i += 2;
            } else if (text.charAt(i) == '*') {
                regex.append("[^/]*");
                i++;
            } else {
                int next = nextStar(text, i);
                regex.append(Pattern.quote(text.substring(i, next)));
                i = next;
            }
        }
        return new PathGlob(text, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static int nextStar(String text, int from) {
        int star = text.indexOf('*', from);
        return star < 0 ? text.length() : star;
    }

    /** Whether a decoded path matches; one with a dot segment never does. An empty path is {@code /}. */
    public boolean matches(String decodedPath) {
        String path = decodedPath.isEmpty() ? "/" : decodedPath;
        return !SEGMENT_DOTS.matcher(path).find() && regex.matcher(path).matches();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathGlob other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
