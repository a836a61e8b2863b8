package dev.airlock.gate.guard;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Reads numbers spelled out in English words as digits: "four one one, two two, three three three three" becomes
 * "411-22-3333", "(four one five) five five five, oh one three two" becomes "(415) 555-0132". Digit words, "oh",
 * teens, tens ("twenty-one"), "hundred", "double"/"triple", and digits among the words all count; a comma, a dash
 * or the word "dash" between them becomes one '-', whitespace alone joins them. Only a stretch long enough to be an
 * identifier (nine digits or more, at least two of them words) is rewritten, so "version two point one" stays prose.
 * Every digit knows the word it came from, so a mask covers exactly the words that spelled the number.
 */
final class SpelledDigits {

    /** The fewest digits a rewritten stretch holds: the shortest identifier the numeric rules look for (an SSN). */
    static final int MIN_DIGITS = 9;

    private static final Map<String, Integer> UNITS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("oh", 0), Map.entry("nought", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("niner", 9));
    private static final Map<String, Integer> TEENS = Map.ofEntries(
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19));
    private static final Map<String, Integer> TENS = Map.of("twenty", 2, "thirty", 3, "forty", 4, "fourty", 4,
            "fifty", 5, "sixty", 6, "seventy", 7, "eighty", 8, "ninety", 9);
    private static final Map<String, Integer> REPEATS = Map.of("double", 2, "triple", 3);

    private SpelledDigits() {
    }

    /** Whether two digit words ("zero" to "nine") sit near {@code at}: the profile's confirmation of a sample. */
    static boolean wordsNear(String text, int at) {
        int from = Math.max(0, at - 12);
        int to = Math.min(text.length(), at + 24);
        while (from > 0 && Character.isLetter(text.charAt(from - 1))) {
            from--;
        }
        int found = 0;
        for (int i = from; i < to; ) {
            if (!isAsciiLetter(text.charAt(i))) {
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            if (digitWord(text, i, end) && ++found == 2) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private static final String[] DIGIT_WORDS = {"zero", "oh", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine"};

    /** Whether {@code [start, end)} is a digit word, without making a string of every word of prose. */
    private static boolean digitWord(String text, int start, int end) {
        int n = end - start;
        if (n < 2 || n > 5) {
            return false;
        }
        for (String w : DIGIT_WORDS) {
            if (w.length() == n && text.regionMatches(true, start, w, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** The view with every long enough spelled stretch as digits, or null when there is none. */
    static TextView view(TextView v) {
        String s = v.text();
        Out out = new Out(s.length());
        boolean changed = false;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            if (!isAsciiLetter(s.charAt(i)) && !isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            Out stretch = new Out(32);
            int end = stretch(s, i, stretch);
            if (end > i && stretch.digits >= MIN_DIGITS && stretch.words >= 2) {
                out.copy(s, copied, i);
                out.append(stretch);
                copied = end;
                changed = true;
                i = end;
            } else {
                i = isDigit(s.charAt(i)) ? skipDigits(s, i) : wordEnd(s, i);
            }
        }
        if (!changed) {
            return null;
        }
        out.copy(s, copied, s.length());
        return v.derive("spelled-digits", out.text.toString(), out.starts(), out.ends(), true);
    }

    /**
     * Reads the stretch of numbers starting at {@code i} into {@code out}; returns where it ends (after its last
     * number, so trailing punctuation stays prose), or {@code i} when no number starts there.
     */
    private static int stretch(String s, int i, Out out) {
        int end = i;
        int at = i;
        String pendingSeparator = null;
        int separatorStart = -1;
        int separatorEnd = -1;
        while (at < s.length()) {
            int before = out.text.length();
            int next = number(s, at, out, pendingSeparator, separatorStart, separatorEnd);
            if (next < 0) {
                break;
            }
            if (out.text.length() == before) {
                break;
            }
            end = next;
            // What lies between this number and the next decides the separator the digits get.
            int k = next;
            boolean punct = false;
            boolean close = false;
            boolean space = false;
            while (k < s.length()) {
                char c = s.charAt(k);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    space = true;
                    k++;
                } else if (c == '-' && k == next && k + 1 < s.length() && isAsciiLetter(s.charAt(k + 1))) {
                    // "one-one-nine": a hyphen between words joins them, as a space does.
                    k++;
                } else if (c == ',' || c == '-' || c == '.' || c == '/' || c == '(') {
                    punct = true;
                    k++;
                } else if (c == ')') {
                    close = true;
                    k++;
                } else if (isAsciiLetter(c)) {
                    int wEnd = wordEnd(s, k);
                    String w = word(s, k, wEnd);
                    if (w.equals("dash") || w.equals("hyphen")) {
                        punct = true;
                        k = wEnd;
                    } else if (w.equals("and")) {
                        k = wEnd;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
                if (k - next > 12) {
                    break;
                }
            }
            if (k - next > 12) {
                break;
            }
            pendingSeparator = close ? (space ? ") " : ")") : punct ? "-" : "";
            separatorStart = next;
            separatorEnd = k;
            at = k;
        }
        return end;
    }

    /**
     * One number at {@code at} (a digit group, a word, "twenty one", "five hundred and two", "double four") into
     * {@code out}, preceded by {@code separator} when it is one; returns its end, or -1 when none is there.
     */
    private static int number(String s, int at, Out out, String separator, int sepStart, int sepEnd) {
        if (at >= s.length()) {
            return -1;
        }
        if (isDigit(s.charAt(at))) {
            int end = skipDigits(s, at);
            out.separator(separator, sepStart, sepEnd);
            for (int k = at; k < end; k++) {
                out.digit(s.charAt(k), k, k + 1);
            }
            return end;
        }
        if (!isAsciiLetter(s.charAt(at))) {
            return -1;
        }
        int end = wordEnd(s, at);
        String w = word(s, at, end);
        Integer unit = UNITS.get(w);
        Integer teen = TEENS.get(w);
        Integer tens = TENS.get(w);
        Integer repeat = REPEATS.get(w);
        if (unit != null) {
            out.separator(separator, sepStart, sepEnd);
            out.word((char) ('0' + unit), at, end);
            int[] hundred = following(s, end, "hundred");
            if (hundred != null) {
                return hundreds(s, hundred[1], hundred[0], out);
            }
            return end;
        }
        if (teen != null) {
            out.separator(separator, sepStart, sepEnd);
            out.word((char) ('0' + teen / 10), at, end);
            out.digit((char) ('0' + teen % 10), at, end);
            return end;
        }
        if (tens != null) {
            out.separator(separator, sepStart, sepEnd);
            out.word((char) ('0' + tens), at, end);
            return unitAfterTens(s, end, out, at);
        }
        if (repeat != null) {
            int k = skipSpaces(s, end);
            int unitEnd = k < s.length() && isAsciiLetter(s.charAt(k)) ? wordEnd(s, k) : k;
            Integer repeated = k < unitEnd ? UNITS.get(word(s, k, unitEnd)) : null;
            if (repeated == null) {
                return -1;
            }
            out.separator(separator, sepStart, sepEnd);
            for (int r = 0; r < repeat; r++) {
                out.word((char) ('0' + repeated), at, unitEnd);
            }
            return unitEnd;
        }
        return -1;
    }

    /** After "N hundred": "and"?, then a teen, tens with a unit or not, a unit, or nothing ("00"). */
    private static int hundreds(String s, int hundredEnd, int hundredStart, Out out) {
        int k = skipSpaces(s, hundredEnd);
        int wEnd = k < s.length() && isAsciiLetter(s.charAt(k)) ? wordEnd(s, k) : k;
        if (k < wEnd && word(s, k, wEnd).equals("and")) {
            k = skipSpaces(s, wEnd);
            wEnd = k < s.length() && isAsciiLetter(s.charAt(k)) ? wordEnd(s, k) : k;
        }
        String w = k < wEnd ? word(s, k, wEnd) : "";
        if (TEENS.containsKey(w)) {
            int teen = TEENS.get(w);
            out.word((char) ('0' + teen / 10), k, wEnd);
            out.digit((char) ('0' + teen % 10), k, wEnd);
            return wEnd;
        }
        if (TENS.containsKey(w)) {
            out.word((char) ('0' + TENS.get(w)), k, wEnd);
            return unitAfterTens(s, wEnd, out, k);
        }
        if (UNITS.containsKey(w) && !w.equals("oh")) {
            out.digit('0', hundredStart, hundredEnd);
            out.word((char) ('0' + UNITS.get(w)), k, wEnd);
            return wEnd;
        }
        out.digit('0', hundredStart, hundredEnd);
        out.digit('0', hundredStart, hundredEnd);
        return hundredEnd;
    }

    /** "twenty" then, after a space or a hyphen, a unit ("twenty-one"); else the tens' zero. */
    private static int unitAfterTens(String s, int end, Out out, int tensStart) {
        int k = end;
        if (k < s.length() && (s.charAt(k) == '-' || s.charAt(k) == ' ')) {
            k++;
        }
        int wEnd = k < s.length() && isAsciiLetter(s.charAt(k)) ? wordEnd(s, k) : k;
        Integer unit = k < wEnd ? UNITS.get(word(s, k, wEnd)) : null;
        if (unit != null && unit != 0) {
            out.word((char) ('0' + unit), k, wEnd);
            return wEnd;
        }
        out.digit('0', tensStart, end);
        return end;
    }

    /** The span of {@code expected} as the next word after {@code end} (spaces between), or null. */
    private static int[] following(String s, int end, String expected) {
        int k = skipSpaces(s, end);
        if (k >= s.length() || !isAsciiLetter(s.charAt(k))) {
            return null;
        }
        int wEnd = wordEnd(s, k);
        return word(s, k, wEnd).equals(expected) ? new int[]{k, wEnd} : null;
    }

    private static int skipSpaces(String s, int k) {
        while (k < s.length() && s.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    private static int skipDigits(String s, int k) {
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static int wordEnd(String s, int k) {
        while (k < s.length() && isAsciiLetter(s.charAt(k))) {
            k++;
        }
        return k;
    }

    private static String word(String s, int start, int end) {
        return end - start > 10 ? "" : s.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The view being built: its text, and for each character the span of the parent it stands for. */
    private static final class Out {
        final StringBuilder text;
        int[] starts;
        int[] ends;
        int digits;
        int words;

        Out(int capacity) {
            text = new StringBuilder(capacity);
            starts = new int[capacity + 8];
            ends = new int[capacity + 8];
        }

        void copy(String s, int from, int to) {
            for (int k = from; k < to; k++) {
                put(s.charAt(k), k, k + 1);
            }
        }

        void append(Out other) {
            for (int k = 0; k < other.text.length(); k++) {
                put(other.text.charAt(k), other.starts[k], other.ends[k]);
            }
        }

        void separator(String separator, int start, int end) {
            if (separator != null && !separator.isEmpty()) {
                for (int k = 0; k < separator.length(); k++) {
                    put(separator.charAt(k), start, end);
                }
            }
        }

        void word(char digit, int start, int end) {
            words++;
            digit(digit, start, end);
        }

        void digit(char digit, int start, int end) {
            digits++;
            put(digit, start, end);
        }

        private void put(char c, int start, int end) {
            int n = text.length();
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            text.append(c);
            starts[n] = start;
            ends[n] = end;
        }

        int[] starts() {
            return Arrays.copyOf(starts, text.length());
        }

        int[] ends() {
            return Arrays.copyOf(ends, text.length());
        }
    }
}
