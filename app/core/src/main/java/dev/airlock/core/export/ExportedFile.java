package dev.airlock.core.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * One exported file: a relative, '/'-separated path with no '.' or '..' segments, so that writing a result can never
 * land outside the directory it was meant for, and its bytes.
 */
public record ExportedFile(String path, byte[] content) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    public ExportedFile {
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("not a relative file path: '" + path + "'");
            }
        }
        content = content.clone();
    }

    public static ExportedFile text(String path, String text) {
        return new ExportedFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportedFile f && f.path.equals(path) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
