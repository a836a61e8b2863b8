package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The literals rules need before their regex can match. Rules register their literals (ids are global) while the
 * built-in rule table is built; a pipe's guardrails then get an index of only their own literals, so text is
 * never searched for a literal no requested rule needs. An index is immutable and keyed by first two characters.
 * <p>
 * Literals that start with a letter ("word literals") are the expensive kind: prose is mostly letters, so finding
 * them means a lookup at nearly every character. Literals that start with anything else are found on the way, at
 * the few characters the profile stops at anyway. A rule whose word literals only matter right before some
 * character (a credential's name before its {@code =}) scopes them to a window before that anchor, so prose with no
 * anchor costs no word search at all.
 */
final class Needles {

    private static final List<String> ALL = new ArrayList<>();
    private static final int TRIGRAM_BITS = 1 << 15;
    /** For views nobody runs literal-triggered rules on. */
    static final Needles NONE = of(new BitSet());

    /** Literal ids by folded two-character key ({@code first * 128 + second}), null where none starts so. */
    final int[][] byPrefix = new int[128 * 128][];
    /** Literal ids by their one character, for the one-character literals ("@", "+", ";"). */
    final int[][] bySingle = new int[128][];
    /** Which ASCII characters are a whole literal by themselves. */
    final boolean[] singleStarts = new boolean[128];
    /**
     * A bit per two-character prefix of a literal that does not start with a letter; the second character in
     * either case. Small enough to stay in the L1 cache.
     */
    final long[] symbolPairs = new long[128 * 128 / 64];
    /** The same for word literals, first character lower-cased. */
    final long[] wordPairs = new long[128 * 128 / 64];
    /**
     * A bit per (hashed) three-character prefix of the literals of three or more characters: most two-character
     * prefixes in prose ("as" in "asked") are ruled out by their third character without comparing literals.
     */
    final long[] trigrams = new long[TRIGRAM_BITS / 64];
    /** Folded two-character keys that are a whole literal, which the trigram filter cannot rule out. */
    final boolean[] twoCharacter = new boolean[128 * 128];
    /** Every registered literal's characters, by id. */
    final char[][] chars;
    /** Whether some word literal is wanted anywhere in a text, so the whole text needs the word search. */
    final boolean wordsEverywhere;
    /** Whether some word literal is wanted only before an anchor. */
    final boolean wordsBeforeAnchors;
    /** The anchor characters of scoped word literals. */
    final boolean[] anchor = new boolean[128];
    /** The characters that start a literal that is not a word, or are an anchor. */
    final boolean[] startsSymbol = new boolean[128];
    /** How far before an anchor a scoped word literal may start. */
    final int within;

    private Needles(BitSet everywhere, BitSet beforeAnchor, String anchors, int within) {
        synchronized (Needles.class) {
            chars = ALL.stream().map(String::toCharArray).toArray(char[][]::new);
        }
        BitSet ids = (BitSet) everywhere.clone();
        ids.or(beforeAnchor);
        boolean words = false;
        boolean scoped = false;
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            char[] n = chars[id];
            if (n.length == 1) {
                bySingle[n[0]] = append(bySingle[n[0]], id);
                singleStarts[n[0]] = true;
                continue;
            }
            boolean word = isLetter(n[0]);
            if (word) {
                words |= everywhere.get(id);
                scoped |= !everywhere.get(id);
            }
            long[] pairs = word ? wordPairs : symbolPairs;
            int key = n[0] * 128 + n[1];
            byPrefix[key] = append(byPrefix[key], id);
            pairs[key >>> 6] |= 1L << key;
            if (n[1] >= 'a' && n[1] <= 'z') {
                int upper = key - 32;
                pairs[upper >>> 6] |= 1L << upper;
            }
            if (n.length == 2) {
                twoCharacter[key] = true;
            } else {
                int h = trigram(key, n[2]);
                trigrams[h >>> 6] |= 1L << h;
            }
        }
        this.wordsEverywhere = words;
        this.wordsBeforeAnchors = scoped && !words;
        for (char c : anchors.toCharArray()) {
            anchor[c] = true;
        }
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            startsSymbol[chars[id][0]] |= !isLetter(chars[id][0]);
        }
        for (int c = 0; c < 128; c++) {
            startsSymbol[c] |= anchor[c];
        }
        this.within = within;
    }

    /** An index of the literals {@code ids}, each wanted anywhere in a text. */
    static Needles of(BitSet ids) {
        return new Needles(ids, new BitSet(), "", 0);
    }

    /**
     * An index of the literals {@code everywhere}, and of {@code beforeAnchor}, whose word literals are wanted only
     * where they start at most {@code within} characters before one of {@code anchors}. A literal in both sets is
     * wanted everywhere, and so are all of them once any word literal is (the text is searched whole anyway).
     */
    static Needles of(BitSet everywhere, BitSet beforeAnchor, String anchors, int within) {
        return new Needles(everywhere, beforeAnchor, anchors, within);
    }

    /** Registers literals (ASCII, matched case-insensitively) and returns their ids. */
    static synchronized int[] register(String... needles) {
        int[] ids = new int[needles.length];
        for (int i = 0; i < needles.length; i++) {
            String n = needles[i].toLowerCase(Locale.ROOT);
            // No literal starts where the profile never looks (a digit, a space), and none holds a '?': the profile
            // reads characters beyond Latin-1 as '?'.
            if (n.isEmpty() || n.length() == 1 && isLetter(n.charAt(0)) || Character.isDigit(n.charAt(0))
                    || n.charAt(0) == ' ' || n.indexOf('?') >= 0 || n.chars().anyMatch(c -> c >= 128)) {
                throw new IllegalArgumentException("literals are ASCII without '?' and must not be one letter, or "
                        + "start with a digit or a space: " + n);
            }
            int id = ALL.indexOf(n);
            if (id < 0) {
                ALL.add(n);
                id = ALL.size() - 1;
            }
            ids[i] = id;
        }
        return ids;
    }

    static synchronized int length(int id) {
        return ALL.get(id).length();
    }

    static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The trigram filter's bit for a folded two-character key and a lower-cased third character. */
    static int trigram(int key, char third) {
        return ((key << 7 | third) * 0x9E3779B1) >>> 17;
    }

    private static int[] append(int[] ids, int id) {
        if (ids == null) {
            return new int[]{id};
        }
        int[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = id;
        return out;
    }
}
