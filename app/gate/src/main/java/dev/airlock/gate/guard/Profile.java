package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * What one pass over a text learns for the guardrails: which normalizations could change it, where runs of digits
 * and encoded-looking data sit, where IBAN-shaped starts and rule literals occur. Everything later (deriving
 * views, choosing regex regions) reads this instead of scanning the text again.
 */
final class Profile {

    static final int MIN_ENCODED = 16;
    private static final boolean[] LEET = new boolean[128];

    static {
        for (char c : "013457@$!|".toCharArray()) {
            LEET[c] = true;
        }
    }

    final String text;
    boolean nonAscii;
    boolean percent;
    boolean hexEscape;
    boolean collapsible;
    boolean leetable;
    /** {@code [start, end, digitCount]} of runs of digits and digit separators. */
    final List<int[]> digitRuns = new ArrayList<>(4);
    /** {@code [start, end, allHex]} of base64/hex alphabet runs long enough to be an encoding. */
    final List<int[]> encodedRuns = new ArrayList<>(0);
    /** Offsets of two upper-case letters followed by two digits. */
    final List<Integer> ibanStarts = new ArrayList<>(0);
    /** Pairs {@code (needleId, offset)}, flattened. */
    int[] hits = new int[8];
    int hitCount;

    private Profile(String text) {
        this.text = text;
    }

    static Profile of(String s) {
        Profile p = new Profile(s);
        p.scan();
        return p;
    }

    private void scan() {
        String s = text;
        int len = s.length();
        int[][] prefix = Needles.prefixTable();
        int[][] single = Needles.singleTable();
        int digitStart = -1;
        int digitCount = 0;
        int encStart = -1;
        boolean encHex = true;
        boolean encUpper = false;
        boolean encDigitOrSymbol = false;
        char prev = 0;
        for (int i = 0; i <= len; i++) {
            char c = i < len ? s.charAt(i) : '\n';
            boolean end = i == len;
            if (!end && (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t'))) {
                nonAscii = true;
            }
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            boolean ws = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (!end) {
                if (ws && !collapsible && (prev == ' ' || prev == '\n' || prev == '\r' || prev == '\t'
                        || (nearSingle(s, i) && removableSpace(s, i)))) {
                    collapsible = true;
                }
                if (c == '%') {
                    percent = true;
                } else if (c == '\\' && i + 1 < len && s.charAt(i + 1) == 'x') {
                    hexEscape = true;
                }
                if (!leetable && c < 128 && LEET[c] && (letter(s, i - 1) || letter(s, i + 1))) {
                    leetable = true;
                }
                if (upper && i + 3 < len) {
                    char c1 = s.charAt(i + 1);
                    char c2 = s.charAt(i + 2);
                    char c3 = s.charAt(i + 3);
                    if (c1 >= 'A' && c1 <= 'Z' && c2 >= '0' && c2 <= '9' && c3 >= '0' && c3 <= '9') {
                        ibanStarts.add(i);
                    }
                }
                if (c < 128) {
                    int lc = upper ? c + 32 : c;
                    int[] ones = single[lc];
                    if (ones != null) {
                        for (int id : ones) {
                            hit(id, i);
                        }
                    }
                    if (i + 1 < len) {
                        char n = s.charAt(i + 1);
                        if (n < 128) {
                            int[] cands = prefix[lc * 128 + (n >= 'A' && n <= 'Z' ? n + 32 : n)];
                            if (cands != null) {
                                for (int id : cands) {
                                    String needle = Needles.get(id);
                                    if (s.regionMatches(true, i, needle, 0, needle.length())) {
                                        hit(id, i);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Runs of digits with their separators: the only places numeric identifiers can be.
            if (digit) {
                if (digitStart < 0) {
                    digitStart = i;
                }
                digitCount++;
            } else if (digitStart >= 0 && !(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/'
                    || c == '+') || (end && digitStart >= 0)) {
                digitRuns.add(new int[]{digitStart, i, digitCount});
                digitStart = -1;
                digitCount = 0;
            }
            // Runs of the base64/hex alphabet; runs of lower-case letters only are words.
            boolean symbol = c == '+' || c == '/' || c == '_' || c == '-';
            if (!end && (lower || upper || digit || symbol)) {
                if (encStart < 0) {
                    encStart = i;
                    encHex = true;
                    encUpper = false;
                    encDigitOrSymbol = false;
                }
                encHex &= digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                encUpper |= upper;
                encDigitOrSymbol |= digit || symbol;
            } else if (encStart >= 0) {
                int stop = i;
                while (stop < len && stop - i < 2 && s.charAt(stop) == '=') {
                    stop++;
                }
                if (i - encStart >= MIN_ENCODED && (encUpper || encDigitOrSymbol)) {
                    encodedRuns.add(new int[]{encStart, stop, encHex ? 1 : 0});
                }
                encStart = -1;
            }
            prev = c;
        }
    }

    private void hit(int id, int offset) {
        if (hitCount * 2 + 2 > hits.length) {
            hits = java.util.Arrays.copyOf(hits, hits.length * 2);
        }
        hits[hitCount * 2] = id;
        hits[hitCount * 2 + 1] = offset;
        hitCount++;
    }

    /** Cheap precondition of {@link #removableSpace}: a one-character token right before or after. */
    private static boolean nearSingle(String s, int i) {
        return i < 2 || i + 2 >= s.length() || s.charAt(i - 2) <= ' ' || s.charAt(i + 2) <= ' ';
    }

    static boolean letter(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= 0x80 && Character.isLetter(c);
    }

    /**
     * Whitespace that only serves to split a token: between single-character tokens ("4 1 1 - 2 2"), or between a
     * lone digit-ish token and a digit group.
     */
    static boolean removableSpace(String s, int i) {
        int before = i - 1;
        while (before >= 0 && Character.isWhitespace(s.charAt(before))) {
            before--;
        }
        int after = i + 1;
        while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
            after++;
        }
        if (before < 0 || after >= s.length()) {
            return false;
        }
        boolean singleBefore = before == 0 || Character.isWhitespace(s.charAt(before - 1));
        boolean singleAfter = after == s.length() - 1 || Character.isWhitespace(s.charAt(after + 1));
        if (!singleBefore && !singleAfter) {
            return false;
        }
        if (singleBefore && singleAfter) {
            return true;
        }
        return digitish(s.charAt(before)) && digitish(s.charAt(after))
                && (Character.isDigit(s.charAt(before)) || Character.isDigit(s.charAt(after)));
    }

    private static boolean digitish(char c) {
        return Character.isDigit(c) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }
}
