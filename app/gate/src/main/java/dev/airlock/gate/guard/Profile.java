package dev.airlock.gate.guard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one pass over a text learns for the guardrails: which normalizations could change it, where runs of digits
 * and encoded-looking data sit, where IBAN-shaped starts and the literals of the requested rules occur. Everything
 * later (deriving views, choosing regex regions) reads this instead of scanning the text again.
 * <p>
 * The pass is the guardrails' main cost, so it is shaped by what text is made of. Lower-case letters, and spaces
 * between them, need nothing: no run, flag or anchor starts there, and word literals have a search of their own.
 * So the pass reads eight characters at a time (as Latin-1 bytes, SWAR) and stops only at the others: digits,
 * capitals, punctuation, and spaces with something unusual next to them. Word literals are then searched for in
 * the whole text only when a requested rule wants them anywhere, else only in the windows before their anchors.
 * {@code ProfileTest} holds it to a plain reading of the same definitions.
 */
final class Profile {

    /** The shortest encoded-looking run kept: the shortest Slack token. */
    static final int MIN_ENCODED = 15;
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
    /**
     * {@code [start, end, allHex]} of base64/hex alphabet runs long enough to be an encoding; {@code end} takes in up
     * to two '=' of padding, {@code allHex} is about the characters before it.
     */
    final List<int[]> encodedRuns = new ArrayList<>(0);
    /** Offsets of two ASCII letters, in either case, followed by two digits: where an IBAN would start. */
    final List<Integer> ibanStarts = new ArrayList<>(0);
    /**
     * Offsets of a capital that starts a token of four capitals or digits followed by a space, '.', '-' or '_' and
     * another capital or digit: where a key written in groups of four ("AKIA IOSF ODNN …") would start.
     */
    final List<Integer> chunkStarts = new ArrayList<>(0);
    /** Offsets of digit segments that touch a letter ("4ll-22", "7EXA"): where letters may stand in for digits. */
    final List<Integer> mixedSpots = new ArrayList<>(0);
    /**
     * Offsets of a capitalised "Dot" or "DOT" and of a '.' before a domain-like label: where an e-mail address
     * spelled with words may be (a lower-case "dot" is looked for only when asked, {@link #lowerDotWords}).
     */
    final List<Integer> dotSpots = new ArrayList<>(0);
    /** Offsets of a capital "BEGIN", and of a capital 'A' that may start a cloud key ("AKIA", "AK1A", "A-KIA"). */
    final List<Integer> capitalSpots = new ArrayList<>(0);
    /** Pairs {@code (needleId, offset)}, flattened. */
    int[] hits = new int[8];
    int hitCount;
    /** {@link #lowerDotWords()}, once asked for. */
    private List<Integer> lowerDotWords;

    private final Needles needles;
    /** The text as Latin-1 bytes ('?' for anything beyond), with zeros after it so reads may run past the end. */
    private final byte[] s;
    private final int len;
    /** Where the last encoded run found ends: characters before it are accounted for. */
    private int encodedRunEnd;
    /** The window before anchors being gathered, {@code [start, end)}; windows that touch are merged. */
    private int windowStart;
    private int windowEnd = -1;

    private Profile(String text, Needles needles) {
        this.text = text;
        this.needles = needles;
        this.len = text.length();
        this.s = latin1(text);
    }

    static Profile of(String s, Needles needles) {
        Profile p = new Profile(s, needles);
        p.scan();
        return p;
    }

    private static final int PADDING = 16;

    private static byte[] latin1(String text) {
        int len = text.length();
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != len) {
            // A surrogate pair became one '?': map character by character to keep offsets.
            b = new byte[len];
            for (int i = 0; i < len; i++) {
                char c = text.charAt(i);
                b[i] = (byte) (c < 0x100 ? c : '?');
            }
        }
        return Arrays.copyOf(b, len + PADDING);
    }

    private static final int LOWER = 1;
    private static final int UPPER = 2;
    private static final int DIGIT = 4;
    private static final int WS = 8;
    private static final int B64_SYMBOL = 16;
    private static final int DIGIT_SEPARATOR = 32;
    private static final int LEET_CHAR = 64;
    private static final int SPECIAL = 128;
    private static final int DIGITISH = 256;
    /** By Latin-1 byte; nothing beyond ASCII has a class. */
    private static final int[] CLASS = new int[256];
    /** ASCII lower-cased; the key of the literal tables. */
    private static final char[] FOLD = new char[128];
    /**
     * 1 for the bytes a block of spelled digits is made of: the letters of "zero" to "nine" in either case, space,
     * ',' and '-', each read with its 0x20 bit set (so NUL, form feed and carriage return pass as the latter three).
     */
    private static final byte[] DIGIT_WORD_CHAR = new byte[256];

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
            if (c >= '0' && c <= '9' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') {
                f |= DIGITISH;
            }
            if ("013457@$!|".indexOf(c) >= 0) {
                f |= LEET_CHAR;
            }
            if (c == '%' || c == '\\' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
                f |= SPECIAL;
            }
            CLASS[c] = f;
            FOLD[c] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            int folded = c | 0x20;
            boolean digitWordLetter = folded >= 'a' && folded <= 'z' && "abcdjklmpqy".indexOf(folded) < 0;
            DIGIT_WORD_CHAR[c] = (byte) (digitWordLetter || folded == ' ' || folded == ',' || folded == '-' ? 1 : 0);
        }
    }

    private void scan() {
        int i = 0;
        while (i < len) {
            if (i < 2) {
                i = step(i);
                continue;
            }
            // One mask per eight characters; each stop is handled, and whatever it consumed is cleared from it.
            int base = i;
            long stops = stops(base);
            i = base + 8;
            while (stops != 0) {
                int at = base + (Long.numberOfTrailingZeros(stops) >>> 3);
                if (at >= len) {
                    break;
                }
                int next = step(at);
                if (next >= base + 8) {
                    i = next;
                    break;
                }
                stops &= -1L << ((next - base) << 3);
            }
        }
        if (needles.wordsEverywhere) {
            words(0, len);
        } else {
            flushWindow();
        }
    }

    /** Handles the character at {@code i} (and the digits after it); returns where to go on. */
    private int step(int i) {
        int c = s[i] & 0xFF;
        if (c >= 'a' && c <= 'z') {
            return i + 1;
        }
        if (c >= '0' && c <= '9') {
            return digits(i);
        }
        general(i, c);
        return i + 1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /**
     * The high bit of each of the eight bytes from {@code i} (at least 2) where the pass must stop: anything but a
     * lower-case letter or a space, and a space that could be removable (a blank before it or two away, or
     * something digit-like on both sides). The padding past the end is blank, so the last characters always stop.
     */
    private long stops(int i) {
        long w = (long) LONGS.get(s, i);
        long space = equal(w, ' ');
        long before = (long) LONGS.get(s, i - 1);
        long loud = blank(before) | blank((long) LONGS.get(s, i - 2)) | blank((long) LONGS.get(s, i + 2))
                | digitLike(before) & digitLike((long) LONGS.get(s, i + 1));
        return ~(lower(w) | space) & HIGH | space & loud;
    }

    /**
     * Where "dot" stands as a lower-case word, looked for only when a rule asks: a per-eight-bytes test in the pass
     * cost a third more on prose, the JDK's vectorised search costs a few per cent.
     */
    List<Integer> lowerDotWords() {
        if (lowerDotWords == null) {
            List<Integer> out = new ArrayList<>(0);
            for (int at = text.indexOf("dot "); at > 0; at = text.indexOf("dot ", at + 4)) {
                if (s[at - 1] == ' ') {
                    out.add(at);
                }
            }
            lowerDotWords = out;
        }
        return lowerDotWords;
    }

    /**
     * Whether the pass marked nothing a trigger starts from: no literal, run, start or spot, and no lower-case
     * "dot" word. Every trigger but {@link Trigger#EVERYWHERE} then has no region, so the rules need not ask
     * ({@code TriggersTest} holds the triggered scan to the untriggered one). Most prose is like that.
     */
    boolean marksNothing() {
        return hitCount == 0 && digitRuns.isEmpty() && encodedRuns.isEmpty() && ibanStarts.isEmpty()
                && chunkStarts.isEmpty() && mixedSpots.isEmpty() && dotSpots.isEmpty() && capitalSpots.isEmpty()
                && lowerDotWords().isEmpty();
    }

    /**
     * Whether the text may hold digits spelled as words ("four one one, two two, ..."): a cheap look at every
     * third block of eight characters for one made of nothing but the letters of "zero" to "nine", with a
     * neighbour like it, confirmed by finding two such words there. Nine spelled digits span more than 31
     * characters, so they always fill a sampled block and one beside it.
     */
    boolean mayHoldNumberWords() {
        for (int i = 0; i < len; i += 24) {
            if (digitWordBlock(i) && (i >= 8 && digitWordBlock(i - 8) || digitWordBlock(i + 8))
                    && SpelledDigits.wordsNear(text, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Eight characters from {@code i} made only of the letters of the digit words (either case), spaces, commas and
     * hyphens: prose nearly always has another letter, a digit or a full stop among eight.
     */
    private boolean digitWordBlock(int i) {
        if (i + 8 > s.length) {
            return false;
        }
        // A table lookup per byte costs less than the four ranges and four equalities the same test takes in SWAR;
        // most blocks of prose already fail in their first half.
        final byte[] s = this.s;
        return (DIGIT_WORD_CHAR[s[i] & 0xFF] & DIGIT_WORD_CHAR[s[i + 1] & 0xFF] & DIGIT_WORD_CHAR[s[i + 2] & 0xFF]
                & DIGIT_WORD_CHAR[s[i + 3] & 0xFF]) != 0
                && (DIGIT_WORD_CHAR[s[i + 4] & 0xFF] & DIGIT_WORD_CHAR[s[i + 5] & 0xFF]
                & DIGIT_WORD_CHAR[s[i + 6] & 0xFF] & DIGIT_WORD_CHAR[s[i + 7] & 0xFF]) != 0;
    }

    /** The high bit of each byte that is an ASCII lower-case letter. */
    private static long lower(long w) {
        long x = w & LOW7;
        return (x + ONES * (0x80 - 'a')) & ~(x + ONES * (0x80 - 'z' - 1)) & ~w & HIGH;
    }

    /**
     * The high bit of each byte that could be digit-ish: '(' to '?' (digits, "-./", and the '?' standing for
     * characters beyond Latin-1), or non-ASCII.
     */
    private static long digitLike(long w) {
        long x = w & LOW7;
        return ((x + ONES * (0x80 - '(')) & ~(x + ONES * (0x80 - '?' - 1)) | w) & HIGH;
    }

    /** The high bit of each byte that is an ASCII digit. */
    private static long digitBytes(long w) {
        long x = w & LOW7;
        return (x + ONES * (0x80 - '0')) & ~(x + ONES * (0x80 - '9' - 1)) & ~w & HIGH;
    }

    /** The high bit of each byte that separates digits: space and "()+-./", that is '(' to '/' but '*' and ','. */
    private static long separatorBytes(long w) {
        long x = w & LOW7;
        long range = (x + ONES * (0x80 - '(')) & ~(x + ONES * (0x80 - '/' - 1)) & ~w & HIGH;
        return range & ~equal(w, '*') & ~equal(w, ',') | equal(w, ' ');
    }

    /** The high bit of each byte equal to {@code c}. */
    private static long equal(long w, char c) {
        long x = w ^ (ONES * c);
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** The high bit of each byte that is ASCII and at most a space: whitespace, controls, padding. */
    private static long blank(long w) {
        return ~((w & LOW7) + ONES * (0x80 - ' ' - 1)) & ~w & HIGH;
    }

    /**
     * The segment of digits and digit separators from the digit at {@code start}, in one go: it is a digit run, and
     * only its ends can touch a letter (leet) or continue an encoded run outside it. Inside, separators may start
     * symbol literals and spaces may be removable. Returns the index after the segment.
     */
    private int digits(int start) {
        // Most segments (versions, dates, counts) fit in sixteen bytes: their end, digit count and separators come
        // from masks, with no branch per character; longer ones take the plain loop.
        long w = (long) LONGS.get(s, start);
        long digits = digitBytes(w);
        long separators = separatorBytes(w);
        long breaks = ~(digits | separators) & HIGH;
        int k;
        int count;
        if (breaks != 0) {
            long in = ((breaks & -breaks) - 1) & HIGH;
            k = start + (Long.numberOfTrailingZeros(breaks) >>> 3);
            count = Long.bitCount(digits & in);
            separators(start, separators & in);
        } else {
            long w1 = (long) LONGS.get(s, start + 8);
            long digits1 = digitBytes(w1);
            long separators1 = separatorBytes(w1);
            long breaks1 = ~(digits1 | separators1) & HIGH;
            if (breaks1 != 0) {
                long in = ((breaks1 & -breaks1) - 1) & HIGH;
                k = start + 8 + (Long.numberOfTrailingZeros(breaks1) >>> 3);
                count = Long.bitCount(digits) + Long.bitCount(digits1 & in);
                separators(start, separators);
                separators(start + 8, separators1 & in);
            } else {
                count = 0;
                k = start;
                for (; ; k++) {
                    int f = CLASS[s[k] & 0xFF];
                    if ((f & (DIGIT | DIGIT_SEPARATOR)) == 0) {
                        break;
                    }
                    count += (f & DIGIT) >>> 2;
                    if ((f & DIGIT) == 0) {
                        separator(k);
                    }
                }
            }
        }
        // A letter right before a digit ends a word and so starts a segment: every "two letters, two digits"
        // passes here.
        if (start >= 2 && asciiLetter(s[start - 2]) && asciiLetter(s[start - 1]) && digit(s[start + 1])) {
            ibanStarts.add(start - 2);
        }
        if (count >= MIN_RUN_DIGITS) {
            digitRuns.add(new int[]{start, k, count});
        }
        if (start >= 1 && (letterAt(start - 1) || start >= 2 && joins(s[start - 1]) && letterAt(start - 2))) {
            mixedSpots.add(start);
        } else {
            // The segment takes in the separators after its last digit ("12 fixes"): what touches the digit counts.
            int after = k;
            while (!digit(s[after - 1])) {
                after--;
            }
            if (letterAt(after) || joins(s[after]) && letterAt(after + 1)) {
                mixedSpots.add(start);
            }
        }
        int last = k - 1;
        if (k - start >= MIN_ENCODED) {
            for (int p = start; p < k; p++) {
                if (p >= encodedRunEnd && alphabet(s[p])) {
                    encodedRun(p);
                }
            }
        } else {
            if (start >= encodedRunEnd && start > 0 && alphabet(s[start - 1])) {
                encodedRun(start);
            }
            if (last >= encodedRunEnd && alphabet(s[last]) && alphabet(s[k])) {
                encodedRun(last);
            }
        }
        if (!leetable && ((CLASS[s[start]] & LEET_CHAR) != 0 && start >= 1 && letterAt(start - 1)
                || digit(s[last]) && (CLASS[s[last]] & LEET_CHAR) != 0 && letterAt(k))) {
            leetable = true;
        }
        return k;
    }

    /** The separators marked in {@code mask} (high bit per byte) of the eight bytes from {@code base}. */
    private void separators(int base, long mask) {
        while (mask != 0) {
            separator(base + (Long.numberOfTrailingZeros(mask) >>> 3));
            mask &= mask - 1;
        }
    }

    /** A separator inside a digit segment: it may start a symbol literal, and a space may be removable. */
    private void separator(int i) {
        int c = s[i];
        if (c == ' ') {
            space(i);
        } else if (needles.startsSymbol[c]) {
            symbolAt(i, c);
        }
    }

    /** Whitespace: the text is collapsible once one space is removable. */
    private void space(int i) {
        if (!collapsible && (i > 0 && ws(s[i - 1]) || nearSingle(i) && removableSpace(text, i))) {
            collapsible = true;
        }
    }

    /** Where a one-character literal, a literal that is not a word, or an anchor may start. */
    private void symbolAt(int i, int c) {
        if (needles.singleStarts[c]) {
            for (int id : needles.bySingle[c]) {
                hit(id, i);
            }
        }
        int key = (c << 7) | (s[i + 1] & 0x7F);
        if ((needles.symbolPairs[key >>> 6] & (1L << key)) != 0) {
            pairCandidates(i, key);
        }
        if (needles.anchor[c]) {
            anchorAt(i);
        }
    }

    /** Any character but a lower-case letter or a digit. */
    private void general(int i, int c) {
        if (c >= 128 || c == '?' && text.charAt(i) != '?') {
            // Unicode spaces and look-alikes are the canonical view's business; here they only mark the text.
            nonAscii = true;
            return;
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
        if ((f & WS) != 0) {
            space(i);
        }
        if (!leetable && (f & LEET_CHAR) != 0 && (letter(text, i - 1) || letter(text, i + 1))) {
            leetable = true;
        }
        if ((f & UPPER) != 0) {
            if (c == 'B' && (s[i + 1] | 0x20) == 'e' && (s[i + 2] | 0x20) == 'g' && (s[i + 3] | 0x20) == 'i'
                    && (s[i + 4] | 0x20) == 'n'
                    || c == 'A' && keyLetter(s[i + 1])
                    || c == 'D' && (i == 0 || !asciiLetter(s[i - 1])) && (s[i + 1] | 0x20) == 'o'
                    && (s[i + 2] | 0x20) == 't' && !asciiLetter(s[i + 3])) {
                (c == 'D' ? dotSpots : capitalSpots).add(i);
            }
            if ((i == 0 || !capitalOrDigit(s[i - 1])) && capitalOrDigit(s[i + 1]) && capitalOrDigit(s[i + 2])
                    && capitalOrDigit(s[i + 3]) && chunkSeparator(s[i + 4]) && capitalOrDigit(s[i + 5])) {
                chunkStarts.add(i);
            }
        } else {
            symbolAt(i, c);
            if (c == '.' && i > 0 && asciiLetter(s[i + 1]) && asciiLetter(s[i + 2])
                    && (asciiLetter(s[i - 1]) || digit(s[i - 1]))) {
                dotSpots.add(i);
            }
        }
        if ((f & (UPPER | B64_SYMBOL)) != 0 && i >= encodedRunEnd) {
            encodedRun(i);
        }
    }

    /** An anchor at {@code at}: scoped word literals may start in the {@code within} characters before it. */
    private void anchorAt(int at) {
        if (!needles.wordsBeforeAnchors) {
            return;
        }
        int start = Math.max(0, at - needles.within);
        if (start > windowEnd) {
            flushWindow();
            windowStart = start;
        }
        windowEnd = at;
    }

    private void flushWindow() {
        if (windowEnd > windowStart) {
            words(windowStart, windowEnd);
        }
        windowEnd = -1;
    }

    /** Word literals starting in {@code [from, to)}: a lookup per character, so only where they are wanted. */
    private void words(int from, int to) {
        final byte[] s = this.s;
        final long[] pairs = needles.wordPairs;
        for (int i = from; i < to; i++) {
            int key = (FOLD[s[i] & 0x7F] << 7) | (s[i + 1] & 0x7F);
            if ((pairs[key >>> 6] & (1L << key)) != 0) {
                pairCandidates(i, key);
            }
        }
    }

    /**
     * The run of the base64/hex alphabet around {@code at}, a character that makes it more than a word (a capital,
     * a digit or a symbol); it counts as encoded data when long enough. Up to two '=' of padding belong to it.
     */
    private void encodedRun(int at) {
        int start = at;
        while (start > 0 && alphabet(s[start - 1])) {
            start--;
        }
        int end = at;
        boolean hex = true;
        for (int k = start; k < len && alphabet(s[k]); k++) {
            int l = s[k] | 0x20;
            hex &= digit(s[k]) || l >= 'a' && l <= 'f';
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

    private static boolean alphabet(byte c) {
        return c >= 0 && (CLASS[c] & (LOWER | UPPER | DIGIT | B64_SYMBOL)) != 0;
    }

    private static boolean asciiLetter(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    /** A separator that joins two parts of one token: '-', '.', '/', '(' or ')', not a space. */
    private static boolean joins(byte c) {
        return c != ' ' && c >= 0 && (CLASS[c] & DIGIT_SEPARATOR) != 0;
    }

    /** What may follow a cloud key's leading 'A': the next letter of a known prefix, a look-alike or a separator. */
    private static boolean keyLetter(byte c) {
        return c == 'K' || c == 'S' || c == 'G' || c == 'I' || c == 'R' || c == '5' || c == '-' || c == '_'
                || c == '.';
    }

    private static boolean capitalOrDigit(byte c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean chunkSeparator(byte c) {
        return c == ' ' || c == '.' || c == '-' || c == '_';
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean ws(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Checks the literals a two-character key may start; either character may be masked non-ASCII. */
    private void pairCandidates(int at, int key) {
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
            if (matchesAt(at, needles.chars[id])) {
                hit(id, at);
            }
        }
    }

    /** Case-insensitive match of an ASCII lower-case needle at {@code at}; most candidates fail on the third. */
    private boolean matchesAt(int at, char[] needle) {
        int n = needle.length;
        if (at + n > len) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            int c = s[at + k] & 0xFF;
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
            hits = Arrays.copyOf(hits, hits.length * 2);
        }
        hits[hitCount * 2] = id;
        hits[hitCount * 2 + 1] = offset;
        hitCount++;
    }

    /**
     * Cheap precondition of {@link #removableSpace}: a one-character token right before or after, or a digit-ish
     * character on both sides.
     */
    private boolean nearSingle(int i) {
        return i < 2 || i + 2 >= len || (s[i - 2] & 0xFF) <= ' ' || (s[i + 2] & 0xFF) <= ' '
                || digitishAt(i - 1) && digitishAt(i + 1);
    }

    /** Digit-ish, asking the text itself where the byte stands for a character beyond ASCII. */
    private boolean digitishAt(int k) {
        int c = s[k] & 0xFF;
        return c < 128 && c != '?' ? (CLASS[c] & DIGITISH) != 0 : digitish(text.charAt(k));
    }

    /**
     * {@link #letter} at {@code i}, at least 0, from the bytes where they are ASCII: the padding past the end is not
     * a letter, and only a byte standing for a character beyond ASCII asks the text.
     */
    private boolean letterAt(int i) {
        int c = s[i] & 0xFF;
        return c < 128 && c != '?' ? (CLASS[c] & (LOWER | UPPER)) != 0 : letter(text, i);
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
