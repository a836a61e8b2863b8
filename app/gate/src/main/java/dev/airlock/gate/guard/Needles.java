package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The literals built-in rules need before their regex can match, indexed by their first two characters so one
 * pass over a text finds every occurrence of every literal. Rules register their literals while the built-in
 * rule table is built; matching only happens afterwards.
 */
final class Needles {

    private static final List<String> ALL = new ArrayList<>();
    private static volatile int[][] byPrefix;
    private static volatile int[][] bySingle;
    private static volatile boolean[] starts;
    private static volatile long[] pairs;

    private Needles() {
    }

    /** Registers literals (ASCII, matched case-insensitively) and returns their ids. */
    static synchronized int[] register(String... needles) {
        int[] ids = new int[needles.length];
        for (int i = 0; i < needles.length; i++) {
            String n = needles[i].toLowerCase(Locale.ROOT);
            int id = ALL.indexOf(n);
            if (id < 0) {
                ALL.add(n);
                id = ALL.size() - 1;
                byPrefix = null;
            }
            ids[i] = id;
        }
        return ids;
    }

    static String get(int id) {
        return ALL.get(id);
    }

    static synchronized void build() {
        if (byPrefix != null) {
            return;
        }
        List<List<Integer>> prefix = new ArrayList<>();
        List<List<Integer>> single = new ArrayList<>();
        for (int i = 0; i < 128 * 128; i++) {
            prefix.add(null);
        }
        for (int i = 0; i < 128; i++) {
            single.add(null);
        }
        for (int id = 0; id < ALL.size(); id++) {
            String n = ALL.get(id);
            if (n.length() == 1) {
                add(single, n.charAt(0), id);
            } else {
                add(prefix, n.charAt(0) * 128 + n.charAt(1), id);
            }
        }
        boolean[] first = new boolean[128];
        for (String n : ALL) {
            first[n.charAt(0)] = true;
            char u = Character.toUpperCase(n.charAt(0));
            if (u < 128) {
                first[u] = true;
            }
        }
        long[] pairBits = new long[128 * 128 / 64];
        for (int key = 0; key < prefix.size(); key++) {
            if (prefix.get(key) != null) {
                pairBits[key >>> 6] |= 1L << key;
            }
        }
        pairs = pairBits;
        starts = first;
        bySingle = toArrays(single);
        byPrefix = toArrays(prefix);
    }

    private static void add(List<List<Integer>> table, int key, int id) {
        if (table.get(key) == null) {
            table.set(key, new ArrayList<>());
        }
        table.get(key).add(id);
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            List<Integer> l = lists.get(i);
            out[i] = l == null ? null : l.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    static int[][] prefixTable() {
        if (byPrefix == null) {
            build();
        }
        return byPrefix;
    }

    /** Which ASCII characters (either case) begin some literal: the only places worth a table lookup. */
    static boolean[] startTable() {
        if (byPrefix == null) {
            build();
        }
        return starts;
    }

    /** A bit per lower-cased two-character prefix of some literal: small enough to stay in the L1 cache. */
    static long[] pairBits() {
        if (byPrefix == null) {
            build();
        }
        return pairs;
    }

    static int[][] singleTable() {
        if (byPrefix == null) {
            build();
        }
        return bySingle;
    }
}
