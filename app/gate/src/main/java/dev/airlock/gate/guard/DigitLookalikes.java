package dev.airlock.gate.guard;

/**
 * Reads letters that stand in for digits inside a number as those digits: "4l1-22-333З" (after Unicode folding)
 * becomes "411-22-3333", "4lll llll 1111 1111" a card number. Only where the profile saw a digit touching a letter,
 * and only in a stretch of number-like tokens holding at least nine digits and look-alikes together: a word that is
 * all letters counts only next to a token with a real digit, and not when it is written like a name ("Bob"), so
 * "2GB" or "call Bob 555 0132" stay as they are.
 */
final class DigitLookalikes {

    private static final char[] DIGIT = table();
    private static final String SEPARATORS = "-./()+";

    private DigitLookalikes() {
    }

    private static char[] table() {
        char[] t = new char[128];
        String from = "lIi|OoZzSsGbTBgq";
        String to = "1111002255667899";
        for (int i = 0; i < from.length(); i++) {
            t[from.charAt(i)] = to.charAt(i);
        }
        return t;
    }

    /** The view with look-alikes inside numbers read as digits, or null when nothing changed. */
    static TextView view(TextView v) {
        Profile p = v.profile();
        if (p.mixedSpots.isEmpty()) {
            return null;
        }
        String s = v.text();
        char[] chars = null;
        int done = 0;
        for (int spot : p.mixedSpots) {
            if (spot < done) {
                continue;
            }
            int[] token = token(s, spot);
            if (!numberish(s, token[0], token[1], true) || inHexWord(s, token[0], token[1])) {
                continue;
            }
            int start = token[0];
            int end = token[1];
            int count = digitLike(s, start, end);
            // Neighbouring tokens, a blank or two apart, that continue the number ("4lll llll 1111 1111"); one of
            // letters alone only between two with digits, so a word after a number never joins it.
            for (int[] left = continuation(s, start, -1); left != null; left = continuation(s, start, -1)) {
                count += digitLike(s, left[0], start);
                start = left[0];
            }
            for (int[] right = continuation(s, end, 1); right != null; right = continuation(s, end, 1)) {
                count += digitLike(s, end, right[1]);
                end = right[1];
            }
            done = end;
            if (count < Profile.MIN_RUN_DIGITS) {
                continue;
            }
            for (int k = start; k < end; k++) {
                char c = s.charAt(k);
                if (c < 128 && DIGIT[c] != 0) {
                    if (chars == null) {
                        chars = s.toCharArray();
                    }
                    chars[k] = DIGIT[c];
                }
            }
        }
        if (chars == null) {
            return null;
        }
        int[] index = new int[s.length()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        return v.derive("homoglyph", new String(chars), index);
    }

    /** The token around {@code at}: digits, look-alikes and number separators, up to anything else. */
    private static int[] token(String s, int at) {
        int start = at;
        while (start > 0 && part(s.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < s.length() && part(s.charAt(end))) {
            end++;
        }
        return new int[]{start, end};
    }

    private static boolean part(char c) {
        return c >= '0' && c <= '9' || c < 128 && DIGIT[c] != 0 || SEPARATORS.indexOf(c) >= 0;
    }

    /**
     * The next token beyond {@code edge} in {@code direction} that holds a digit, with a token of letters alone in
     * between at most; as {@code [start, end)} of the whole stretch added, or null.
     */
    private static int[] continuation(String s, int edge, int direction) {
        int[] next = neighbour(s, edge, direction);
        if (next == null || !numberish(s, next[0], next[1], false)) {
            return null;
        }
        if (!hasDigit(s, next[0], next[1])) {
            int[] beyond = neighbour(s, direction < 0 ? next[0] : next[1], direction);
            if (beyond == null || !numberish(s, beyond[0], beyond[1], true)) {
                return null;
            }
            next = direction < 0 ? new int[]{beyond[0], next[1]} : new int[]{next[0], beyond[1]};
        }
        return direction < 0 ? new int[]{next[0], edge} : new int[]{edge, next[1]};
    }

    /** Whether the token is part of a word of hex digits (a UUID, a hash), where 'b' is a digit already. */
    private static boolean inHexWord(String s, int start, int end) {
        int from = start;
        while (from > 0 && !Character.isWhitespace(s.charAt(from - 1))) {
            from--;
        }
        int to = end;
        while (to < s.length() && !Character.isWhitespace(s.charAt(to))) {
            to++;
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if ("acdefACDEF".indexOf(c) >= 0 && k + 1 < to && (Character.isDigit(s.charAt(k + 1))
                    || k > from && Character.isDigit(s.charAt(k - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String s, int start, int end) {
        for (int k = start; k < end; k++) {
            if (s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                return true;
            }
        }
        return false;
    }

    /** The token one or two blanks before ({@code direction} -1) or after (1) {@code edge}, or null. */
    private static int[] neighbour(String s, int edge, int direction) {
        int k = direction < 0 ? edge - 1 : edge;
        int blanks = 0;
        while (k >= 0 && k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t') && blanks < 3) {
            k += direction;
            blanks++;
        }
        if (blanks == 0 || blanks > 2 || k < 0 || k >= s.length() || Character.isWhitespace(s.charAt(k))) {
            return null;
        }
        int[] token = token(s, k);
        boolean whole = (token[0] == 0 || !Character.isLetterOrDigit(s.charAt(token[0] - 1)))
                && (token[1] == s.length() || !Character.isLetterOrDigit(s.charAt(token[1])));
        return whole ? token : null;
    }

    /**
     * Whether {@code [start, end)} is made of digits, look-alikes and the separators of numbers, with a real digit
     * ({@code anchor}) or short and not written like a name.
     */
    private static boolean numberish(String s, int start, int end, boolean anchor) {
        boolean digit = false;
        int letters = 0;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c < 128 && DIGIT[c] != 0) {
                letters++;
            } else if (SEPARATORS.indexOf(c) < 0) {
                return false;
            }
        }
        if (digit) {
            return true;
        }
        if (anchor || letters == 0 || letters > 4) {
            return false;
        }
        boolean capitalised = Character.isUpperCase(s.charAt(start)) && end - start > 1
                && s.substring(start + 1, end).chars().anyMatch(Character::isLowerCase);
        return !capitalised;
    }

    private static int digitLike(String s, int start, int end) {
        int n = 0;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9' || c < 128 && DIGIT[c] != 0) {
                n++;
            }
        }
        return n;
    }
}
