package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * What one pass over a text learns for the guardrails: which normalizations could change it, where runs of digits
 * and encoded-looking data sit, where IBAN-shaped starts and the literals of the requested rules occur. Everything
 * later (deriving views, choosing regex regions) reads this instead of scanning the text again.
 * <p>
 * The pass is the guardrails' main cost, so it is shaped by what text is made of: lower-case words and the spaces
 * after them, then digits, get tight loops; runs of digits and of encoded-looking characters are measured only
 * when a digit, capital or symbol shows one may be there. {@code ProfileTest} holds it to a plain reading of the
 * same definitions.
 */
final class Profile {

    static final int MIN_ENCODED = 16;
    /** The fewest digits any numeric rule needs (an SSN); shorter runs are dates, versions, counts. */
    static final int MIN_RUN_DIGITS = 9;

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
    /** Where the last digit run and encoded run found end: characters before them are accounted for. */
    private int digitRunEnd;
    private int encodedRunEnd;

    private final Needles needles;

    private Profile(String text, Needles needles) {
        this.text = text;
        this.needles = needles;
    }

    static Profile of(String s, Needles needles) {
        Profile p = new Profile(s, needles);
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
    /** ASCII lower-cased; the key of the literal tables. */
    private static final char[] FOLD = new char[128];

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
            if ("013457@$!|".indexOf(c) >= 0) {
                f |= LEET_CHAR;
            }
            if (c == '%' || c == '\\' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
                f |= SPECIAL;
            }
            CLASS[c] = f;
            FOLD[c] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }

    private void scan() {
        final int len = text.length();
        // Two spare characters: the sentinel zeros let the loops look ahead without bounds tests.
        final char[] s = new char[len + 2];
        text.getChars(0, len, s, 0);
        final long[] pairs = needles.pairs;
        boolean prevWs = false;
        int i = 0;
        while (i < len) {
            char c = s[i];
            if (c >= 'a' && c <= 'z') {
                // Prose is mostly lower-case words, each followed by one space. Words only hold literals; a space
                // after one can only be removable next to a one-character token. Both get a tight loop whose one
                // unpredictable branch is the end of a word; the general path takes everything else.
                char n;
                do {
                    n = s[i + 1];
                    int key = (c << 7) | (n & 0x7F);
                    if ((pairs[key >>> 6] & (1L << key)) != 0) {
                        pairCandidates(s, len, i, key);
                    }
                    i++;
                    c = n;
                    if (c == ' ') {
                        // After a word, only a one-character token after the space can make it removable.
                        if (!collapsible && s[i + 2] <= ' ' && removableSpace(text, i)) {
                            collapsible = true;
                        }
                        c = s[++i];
                        prevWs = true;
                        if (c < 'a' || c > 'z') {
                            break;
                        }
                    }
                    prevWs = false;
                } while (c >= 'a' && c <= 'z');
                continue;
            }
            if (c >= '0' && c <= '9') {
                i = digits(s, len, i);
                prevWs = false;
                continue;
            }
            prevWs = general(s, len, i, c, prevWs);
            i++;
        }
    }

    /**
     * A stretch of digits: they belong to a digit run and an encoded run, and only the first and last can stand next
     * to a letter. No literal starts with a digit. Returns the index after the stretch.
     */
    private int digits(char[] s, int len, int start) {
        if (start >= digitRunEnd) {
            digitRun(s, len, start);
        }
        if (start >= encodedRunEnd) {
            encodedRun(s, len, start);
        }
        int end = start + 1;
        while (s[end] >= '0' && s[end] <= '9') {
            end++;
        }
        if (!leetable && ((CLASS[s[start]] & LEET_CHAR) != 0 && letter(s, len, start - 1)
                || (CLASS[s[end - 1]] & LEET_CHAR) != 0 && letter(s, len, end))) {
            leetable = true;
        }
        return end;
    }

    /** Everything but lower-case letters, spaces after them, and digits; returns whether {@code c} is whitespace. */
    private boolean general(char[] s, int len, int i, char c, boolean prevWs) {
        if (c >= 128) {
            // Unicode spaces and look-alikes are the canonical view's business; here they only mark the text.
            nonAscii = true;
            return false;
        }
        int f = CLASS[c];
        if ((f & SPECIAL) != 0) {
            if (c == '%') {
                percent = true;
            } else if (c == '\\') {
                hexEscape |= s[i + 1] == 'x';
            } else {
                nonAscii = true;
            }
        }
        boolean ws = (f & WS) != 0;
        if (ws && !collapsible && (prevWs || (nearSingle(s, len, i) && removableSpace(text, i)))) {
            collapsible = true;
        }
        if (!leetable && (f & LEET_CHAR) != 0 && (letter(s, len, i - 1) || letter(s, len, i + 1))) {
            leetable = true;
        }
        if ((f & UPPER) != 0 && (CLASS[s[i + 1] & 0x7F] & UPPER) != 0 && s[i + 1] < 128
                && s[i + 2] >= '0' && s[i + 2] <= '9' && i + 3 < len && s[i + 3] >= '0' && s[i + 3] <= '9') {
            ibanStarts.add(i);
        }
        int lc = FOLD[c];
        if (needles.singleStarts[lc]) {
            singleCandidates(i, lc);
        }
        int key = (lc << 7) | (s[i + 1] & 0x7F);
        if ((needles.pairs[key >>> 6] & (1L << key)) != 0) {
            pairCandidates(s, len, i, key);
        }
        if ((f & (UPPER | DIGIT | B64_SYMBOL)) != 0 && i >= encodedRunEnd) {
            encodedRun(s, len, i);
        }
        return ws;
    }

    /** The run of digits and digit separators from the digit at {@code start}: the only places numeric ids can be. */
    private void digitRun(char[] s, int len, int start) {
        int digits = 0;
        int k = start;
        for (; k < len; k++) {
            char c = s[k];
            int f = c < 128 ? CLASS[c] : 0;
            if ((f & DIGIT) != 0) {
                digits++;
            } else if ((f & DIGIT_SEPARATOR) == 0) {
                break;
            }
        }
        if (digits >= MIN_RUN_DIGITS) {
            digitRuns.add(new int[]{start, k, digits});
        }
        digitRunEnd = k;
    }

    /**
     * The run of the base64/hex alphabet around {@code at}, a character that makes it more than a word (a capital,
     * a digit or a symbol); it counts as encoded data when long enough. Up to two '=' of padding belong to it.
     */
    private void encodedRun(char[] s, int len, int at) {
        int start = at;
        while (start > 0 && alphabet(s[start - 1])) {
            start--;
        }
        int end = at;
        boolean hex = true;
        for (int k = start; k < len && alphabet(s[k]); k++) {
            char l = (char) (s[k] | 0x20);
            hex &= s[k] >= '0' && s[k] <= '9' || l >= 'a' && l <= 'f';
            end = k + 1;
        }
        int stop = end;
        while (stop < len && stop - end < 2 && s[stop] == '=') {
            stop++;
        }
        if (end - start >= MIN_ENCODED) {
            encodedRuns.add(new int[]{start, stop, hex ? 1 : 0});
        }
        encodedRunEnd = end;
    }

    private static boolean alphabet(char c) {
        return c < 128 && (CLASS[c] & (LOWER | UPPER | DIGIT | B64_SYMBOL)) != 0;
    }

    /** Checks the literals a two-character key may start; the key's second character may be masked non-ASCII. */
    private void pairCandidates(char[] s, int len, int at, int key) {
        int folded = (key & ~0x7F) | FOLD[key & 0x7F];
        if (!needles.twoCharacter[folded]) {
            if (at + 2 >= len) {
                return;
            }
            int h = Needles.trigram(folded, FOLD[s[at + 2] & 0x7F]);
            if ((needles.trigrams[h >>> 6] & (1L << h)) == 0) {
                return;
            }
        }
        for (int id : needles.byPrefix[folded]) {
            if (matchesAt(s, len, at, needles.chars[id])) {
                hit(id, at);
            }
        }
    }

    private void singleCandidates(int at, int lowerCased) {
        for (int id : needles.bySingle[lowerCased]) {
            hit(id, at);
        }
    }

    /**
     * Case-insensitive match of an ASCII lower-case needle at {@code at}, whose first character is known to match;
     * most candidates fail on the third.
     */
    private static boolean matchesAt(char[] s, int len, int at, char[] needle) {
        int n = needle.length;
        if (at + n > len) {
            return false;
        }
        for (int k = 1; k < n; k++) {
            char c = s[at + k];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != needle[k]) {
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

    /**
     * Cheap precondition of {@link #removableSpace}: a one-character token right before or after, or a digit-ish
     * character on both sides.
     */
    private static boolean nearSingle(char[] s, int len, int i) {
        return i < 2 || i + 2 >= len || s[i - 2] <= ' ' || s[i + 2] <= ' '
                || digitish(s[i - 1]) && digitish(s[i + 1]);
    }

    private static boolean letter(char[] s, int len, int i) {
        return i >= 0 && i < len && isLetter(s[i]);
    }

    static boolean letter(String s, int i) {
        return i >= 0 && i < s.length() && isLetter(s.charAt(i));
    }

    private static boolean isLetter(char c) {
        return c < 128 ? (CLASS[c] & (LOWER | UPPER)) != 0 : Character.isLetter(c);
    }

    /**
     * Whitespace that only serves to split a token: between single-character tokens ("4 1 1 - 2 2"), between a
     * lone digit-ish token and a digit group, or between two short pieces of a number ("3-4 5-6").
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
            return shortNumberPart(s, before, -1) && shortNumberPart(s, after, 1);
        }
        if (singleBefore && singleAfter) {
            return true;
        }
        return digitish(s.charAt(before)) && digitish(s.charAt(after))
                && (Character.isDigit(s.charAt(before)) || Character.isDigit(s.charAt(after)));
    }

    /**
     * Whether the token ending (or starting) at {@code edge} is a short piece of a number, like "3-4" in
     * "1 2 3-4 5-6 7 8 9": up to three digits and separators, at least one digit.
     */
    private static boolean shortNumberPart(String s, int edge, int direction) {
        boolean digit = false;
        int length = 0;
        for (int k = edge; k >= 0 && k < s.length() && !Character.isWhitespace(s.charAt(k)); k += direction) {
            char c = s.charAt(k);
            if (!digitish(c) || ++length > 3) {
                return false;
            }
            digit |= Character.isDigit(c);
        }
        return digit;
    }

    private static boolean digitish(char c) {
        return Character.isDigit(c) || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }
}
