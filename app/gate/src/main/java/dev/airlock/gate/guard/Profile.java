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
    /** The fewest digits any numeric rule needs (an SSN); shorter runs are dates, versions, counts. */
    static final int MIN_RUN_DIGITS = 9;
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
    /** {@code [start, end, digitCount]} of runs of digits and digit separators with at least 9 digits. */
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

    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int DIGIT = 4;
    private static final int WS = 8;
    private static final int B64_SYMBOL = 16;
    private static final int DIGIT_SEPARATOR = 32;
    private static final int LEET_CHAR = 64;
    private static final int SPECIAL = 128;
    private static final int[] CLASS = new int[128];

    static {
        for (int c = 0; c < 128; c++) {
            int f = 0;
            if (c >= 'a' && c <= 'z') {
                f |= LOWER;
            }
            if (c >= 'A' && c <= 'Z') {
                f |= UPPER;
            }
            if (c >= '0' && c <= '9') {
                f |= DIGIT;
            }
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                f |= WS;
            }
            if (c == '+' || c == '/' || c == '_' || c == '-') {
                f |= B64_SYMBOL;
            }
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '+') {
                f |= DIGIT_SEPARATOR;
            }
            if (LEET[c]) {
                f |= LEET_CHAR;
            }
            if (c == '%' || c == '\\' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
                f |= SPECIAL;
            }
            CLASS[c] = f;
        }
    }

    private void scan() {
        final char[] s = text.toCharArray();
        final int len = s.length;
        final int[][] prefix = Needles.prefixTable();
        final int[][] single = Needles.singleTable();
        final boolean[] starts = Needles.startTable();
        final long[] pairs = Needles.pairBits();
        int digitStart = -1;
        int digitCount = 0;
        int encStart = -1;
        boolean encHex = true;
        boolean encUpper = false;
        boolean encDigitOrSymbol = false;
        boolean prevWs = false;
        for (int i = 0; i <= len; i++) {
            final boolean end = i == len;
            final char c = end ? '\n' : s[i];
            final int f;
            if (c < 128) {
                f = CLASS[c];
            } else {
                nonAscii = true;
                f = 0;
            }
            // Most characters are plain letters: one test skips everything that only rare characters need.
            if (!end && (f & (SPECIAL | WS | LEET_CHAR | UPPER)) != 0) {
                if ((f & SPECIAL) != 0) {
                    if (c == '%') {
                        percent = true;
                    } else if (c == '\\') {
                        hexEscape |= i + 1 < len && s[i + 1] == 'x';
                    } else {
                        nonAscii = true;
                    }
                }
                if ((f & WS) != 0) {
                    if (!collapsible && (prevWs || (nearSingle(s, i) && removableSpace(text, i)))) {
                        collapsible = true;
                    }
                }
                if (!leetable && (f & LEET_CHAR) != 0 && (letter(text, i - 1) || letter(text, i + 1))) {
                    leetable = true;
                }
                if ((f & UPPER) != 0 && i + 3 < len && (CLASS[s[i + 1] & 0x7F] & UPPER) != 0 && s[i + 1] < 128
                        && s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9') {
                    ibanStarts.add(i);
                }
            }
            if (!end) {
                if (c < 128 && starts[c]) {
                    int lc = (f & UPPER) != 0 ? c + 32 : c;
                    int[] ones = single[lc];
                    if (ones != null) {
                        for (int id : ones) {
                            hit(id, i);
                        }
                    }
                    if (i + 1 < len && s[i + 1] < 128) {
                        char n = s[i + 1];
                        int key = lc * 128 + (n >= 'A' && n <= 'Z' ? n + 32 : n);
                        int[] cands = (pairs[key >>> 6] & (1L << key)) == 0 ? null : prefix[key];
                        if (cands != null) {
                            for (int id : cands) {
                                if (matchesAt(s, i, Needles.get(id))) {
                                    hit(id, i);
                                }
                            }
                        }
                    }
                }
            }
            prevWs = (f & WS) != 0;
            // Runs of digits with their separators: the only places numeric identifiers can be.
            if ((f & DIGIT) != 0) {
                if (digitStart < 0) {
                    digitStart = i;
                }
                digitCount++;
            } else if (digitStart >= 0 && (end || (f & DIGIT_SEPARATOR) == 0)) {
                if (digitCount >= MIN_RUN_DIGITS) {
                    digitRuns.add(new int[]{digitStart, i, digitCount});
                }
                digitStart = -1;
                digitCount = 0;
            }
            // Runs of the base64/hex alphabet; runs of lower-case letters only are words.
            if (!end && (f & (LOWER | UPPER | DIGIT | B64_SYMBOL)) != 0) {
                if (encStart < 0) {
                    encStart = i;
                    encHex = true;
                    encUpper = false;
                    encDigitOrSymbol = false;
                }
                if (encHex && (f & DIGIT) == 0) {
                    char l = (char) (c | 0x20);
                    encHex = l >= 'a' && l <= 'f';
                }
                encUpper |= (f & UPPER) != 0;
                encDigitOrSymbol |= (f & (DIGIT | B64_SYMBOL)) != 0;
            } else if (encStart >= 0) {
                int stop = i;
                while (stop < len && stop - i < 2 && s[stop] == '=') {
                    stop++;
                }
                if (i - encStart >= MIN_ENCODED && (encUpper || encDigitOrSymbol)) {
                    encodedRuns.add(new int[]{encStart, stop, encHex ? 1 : 0});
                }
                encStart = -1;
            }
        }
    }

    /** Case-insensitive match of an ASCII lower-case needle at {@code at}; most candidates fail on the third char. */
    private static boolean matchesAt(char[] s, int at, String needle) {
        int n = needle.length();
        if (at + n > s.length) {
            return false;
        }
        for (int k = 2; k < n; k++) {
            char c = s[at + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != needle.charAt(k)) {
                return false;
            }
        }
        return true;
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
    private static boolean nearSingle(char[] s, int i) {
        return i < 2 || i + 2 >= s.length || s[i - 2] <= ' ' || s[i + 2] <= ' ';
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
