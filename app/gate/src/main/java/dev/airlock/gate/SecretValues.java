package dev.airlock.gate;

import dev.airlock.gate.wire.Frame;
import dev.airlock.gate.wire.Header;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value this gate's credential resolver returned, and the one way to keep them in the gate: each text that
 * leaves it on a path a credential could take (what plugins answer or fail with, reasons in frames, events, audit
 * lines and logs) goes through {@link #redact}. A value is masked wherever it appears, and so is any piece of it of
 * {@value #PIECE} characters or more, since an upstream may echo a key cut short ({@code sk-abc…}) or in parts.
 *
 * <p>Plain deliveries between agents do not come here: no credential is ever handed to an agent, so the only ways
 * in are through plugins, and those are redacted where they come back. With no credential resolved, redacting is
 * one volatile read.
 */
final class SecretValues {

    static final String MASK = "[REDACTED:credential]";
    static final int PIECE = 8;
    private static final long BASE = 1_000_003L;
    private static final long BASE_POW = pow(BASE, PIECE - 1);

    private final Set<String> values = new LinkedHashSet<>();
    private volatile Index index = Index.EMPTY;

    /** Remembers a resolved value before it is handed on; returns it. */
    synchronized String remember(String value) {
        if (value != null && !value.isEmpty() && values.add(value)) {
            index = Index.of(values);
        }
        return value;
    }

    /** The text with every remembered value, and every piece of one of {@value #PIECE}+ characters, masked. */
    String redact(String text) {
        Index ix = index;
        if (text == null || text.isEmpty() || ix.isEmpty()) {
            return text;
        }
        boolean[] covered = ix.cover(text);
        if (covered == null) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            if (covered[i]) {
                out.append(MASK);
                while (i < text.length() && covered[i]) {
                    i++;
                }
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** A frame for an agent with its {@code reason} redacted (the header value that carries failure text). */
    Frame redactReason(Frame frame) {
        String reason = frame.header().string("reason");
        if (reason == null || index.isEmpty()) {
            return frame;
        }
        String redacted = redact(reason);
        if (redacted.equals(reason)) {
            return frame;
        }
        Map<String, Object> header = new LinkedHashMap<>(frame.header().asMap());
        header.put("reason", redacted);
        return new Frame(Header.of(header), frame.body());
    }

    private static long pow(long base, int exponent) {
        long r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= base;
        }
        return r;
    }

    /**
     * The remembered values as every {@value #PIECE}-character piece (found with a rolling hash, then compared), plus
     * the values shorter than that, found whole. Any piece of {@value #PIECE} or more characters of a value is
     * covered by its {@value #PIECE}-character windows, so marking those windows masks exactly such pieces.
     */
    private record Index(Map<Long, List<String>> pieces, List<String> shortValues) {

        static final Index EMPTY = new Index(Map.of(), List.of());

        static Index of(Set<String> values) {
            Map<Long, List<String>> pieces = new HashMap<>();
            List<String> shortValues = new ArrayList<>();
            for (String v : values) {
                if (v.length() < PIECE) {
                    shortValues.add(v);
                    continue;
                }
                for (int i = 0; i + PIECE <= v.length(); i++) {
                    String piece = v.substring(i, i + PIECE);
                    List<String> same = pieces.computeIfAbsent(hash(piece, 0), h -> new ArrayList<>());
                    if (!same.contains(piece)) {
                        same.add(piece);
                    }
                }
            }
            return new Index(Map.copyOf(pieces), List.copyOf(shortValues));
        }

        boolean isEmpty() {
            return pieces.isEmpty() && shortValues.isEmpty();
        }

        /** Which characters of {@code text} belong to a remembered value or piece; null when none do. */
        boolean[] cover(String text) {
            boolean[] covered = null;
            if (!pieces.isEmpty() && text.length() >= PIECE) {
                long h = hash(text, 0);
                for (int i = 0; ; i++) {
                    if (matchesPiece(text, i, h)) {
                        covered = mark(covered, text.length(), i, PIECE);
                    }
                    if (i + PIECE >= text.length()) {
                        break;
                    }
                    h = (h - text.charAt(i) * BASE_POW) * BASE + text.charAt(i + PIECE);
                }
            }
            for (String v : shortValues) {
                for (int at = text.indexOf(v); at >= 0; at = text.indexOf(v, at + 1)) {
                    covered = mark(covered, text.length(), at, v.length());
                }
            }
            return covered;
        }

        private boolean matchesPiece(String text, int at, long h) {
            List<String> candidates = pieces.get(h);
            if (candidates == null) {
                return false;
            }
            for (String piece : candidates) {
                if (text.regionMatches(at, piece, 0, PIECE)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean[] mark(boolean[] covered, int length, int from, int count) {
            boolean[] c = covered == null ? new boolean[length] : covered;
            Arrays.fill(c, from, from + count, true);
            return c;
        }

        /** A polynomial hash of the {@value #PIECE} characters from {@code at}, wrapping like the rolling update. */
        private static long hash(String s, int at) {
            long h = 0;
            for (int i = at; i < at + PIECE; i++) {
                h = h * BASE + s.charAt(i);
            }
            return h;
        }
    }
}
