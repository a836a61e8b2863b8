package dev.airlock.core.topology;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size written the Kubernetes way ({@code 64Mi}, {@code 1Gi}, {@code 512k}, plain bytes). */
public record ByteSize(long bytes) implements Comparable<ByteSize> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(Ki|Mi|Gi|k|M|G|B)?");

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }

    public static ByteSize ofMebibytes(long mib) {
        return new ByteSize(mib * 1024 * 1024);
    }

    /** @throws IllegalArgumentException with a message fit to show a user */
    public static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 64Mi, 1Gi, 512Ki or bytes)");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw tooLarge(text);
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "Ki" -> 1L << 10;
            case "Mi" -> 1L << 20;
            case "Gi" -> 1L << 30;
            case "k" -> 1_000L;
            case "M" -> 1_000_000L;
            case "G" -> 1_000_000_000L;
            default -> 1L;
        };
        if (n > Long.MAX_VALUE / factor) {
            throw tooLarge(text);
        }
        return new ByteSize(n * factor);
    }

    private static IllegalArgumentException tooLarge(String text) {
        return new IllegalArgumentException("'" + text.trim() + "' is too large to be a size");
    }

    /** The shortest exact binary form, so that a saved file reads as it was written. */
    @Override
    public String toString() {
        String[] units = {"Gi", "Mi", "Ki"};
        long[] factors = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= factors[i] && bytes % factors[i] == 0) {
                return String.format(Locale.ROOT, "%d%s", bytes / factors[i], units[i]);
            }
        }
        return Long.toString(bytes);
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }
}
