package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The literals rules need before their regex can match. Rules register their literals (ids are global) while the
 * built-in rule table is built; a pipe's guardrails then get an index of only their own literals, so text is
 * never searched for a literal no requested rule needs. An index is immutable and keyed by first two characters,
 * so one pass over a text finds every occurrence of every literal in it.
 */
final class Needles {

    private static final List<String> ALL = new ArrayList<>();
    private static final int TRIGRAM_BITS = 1 << 15;
    /** For views nobody runs literal-triggered rules on. */
    static final Needles NONE = new Needles(new BitSet());

    /** Literal ids by folded two-character key ({@code first * 128 + second}), null where none starts so. */
    final int[][] byPrefix = new int[128 * 128][];
    /** Literal ids by their one character, for the one-character literals ("@", "+", ";"). */
    final int[][] bySingle = new int[128][];
    /** Which lower-cased ASCII characters are a whole literal by themselves. */
    final boolean[] singleStarts = new boolean[128];
    /**
     * A bit per two-character prefix of some literal, first character lower-cased, second in either case: small
     * enough to stay in the L1 cache, and looked up without folding the second character.
     */
    final long[] pairs = new long[128 * 128 / 64];
    /**
     * A bit per (hashed) three-character prefix of the literals of three or more characters: most two-character
     * prefixes in prose ("as" in "asked") are ruled out by their third character without comparing literals.
     */
    final long[] trigrams = new long[TRIGRAM_BITS / 64];
    /** Folded two-character keys that are a whole literal, which the trigram filter cannot rule out. */
    final boolean[] twoCharacter = new boolean[128 * 128];
    /** Every registered literal's characters, by id. */
    final char[][] chars;

    private Needles(BitSet ids) {
        synchronized (Needles.class) {
            chars = ALL.stream().map(String::toCharArray).toArray(char[][]::new);
        }
        List<List<Integer>> prefix = new ArrayList<>();
        for (int i = 0; i < 128 * 128; i++) {
            prefix.add(null);
        }
        for (int id = ids.nextSetBit(0); id >= 0; id = ids.nextSetBit(id + 1)) {
            char[] n = chars[id];
            if (n.length == 1) {
                bySingle[n[0]] = append(bySingle[n[0]], id);
                singleStarts[n[0]] = true;
                continue;
            }
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
    }

    /** An index of the literals {@code ids}. */
    static Needles of(BitSet ids) {
        return new Needles(ids);
    }

    /** Registers literals (ASCII, matched case-insensitively) and returns their ids. */
    static synchronized int[] register(String... needles) {
        int[] ids = new int[needles.length];
        for (int i = 0; i < needles.length; i++) {
            String n = needles[i].toLowerCase(Locale.ROOT);
            // The profile's fast paths look for two-character prefixes in words and none at all in digits or in
            // the space after a word.
            if (n.isEmpty() || n.length() == 1 && Character.isLetter(n.charAt(0)) || Character.isDigit(n.charAt(0))
                    || n.charAt(0) == ' ' || n.chars().anyMatch(c -> c >= 128)) {
                throw new IllegalArgumentException("literals are ASCII and must not be one letter, or start with a "
                        + "digit or a space: " + n);
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
