package dev.airlock.gate.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a text a rule's regex could possibly match, found with a plain scan: near a literal it needs, around a
 * run of digits long enough to be an identifier, or around a run of the base64 alphabet long enough to be a token.
 * The regex then runs only on those regions (with transparent bounds, so its look-arounds still see the
 * neighbours). Ordinary prose has few such places, which is what keeps guarding a message cheap next to relaying
 * it. A trigger must be implied by its regex: every text the regex matches in has the literal, run or start.
 * Every trigger but {@link #EVERYWHERE} finds its regions from what the profile marked, so a profile that
 * {@linkplain Profile#marksNothing() marks nothing} has none.
 */
public interface Trigger {

    /** Regions {@code [start, end)} of the profiled text worth matching, in order; empty when the rule cannot match. */
    List<int[]> regions(Profile text);

    /** The whole text: for rules with no cheap precondition (a topology's own pattern). */
    Trigger EVERYWHERE = t -> List.of(new int[]{0, t.text.length()});

    /** The literals this trigger looks for, which the text's profile must find. */
    default int[] literals() {
        return new int[0];
    }

    /**
     * The characters after which this trigger's word literals matter, and how far before one they may start; none
     * means anywhere.
     */
    default String anchors() {
        return "";
    }

    default int within() {
        return 0;
    }

    /** Around each occurrence of any literal (ASCII, case-insensitive), from {@code before} to {@code after} chars. */
    static Trigger near(int before, int after, String... needles) {
        return nearLiterals(before, after, "", 0, needles);
    }

    /**
     * As {@link #near}, for literals that can only matter when one of {@code anchors} follows within {@code within}
     * characters (a credential's name before its {@code =} or {@code :}): prose without an anchor is not searched.
     */
    static Trigger nearBefore(String anchors, int within, int before, int after, String... needles) {
        return nearLiterals(before, after, anchors, within, needles);
    }

    private static Trigger nearLiterals(int before, int after, String anchors, int within, String... needles) {
        int[] ids = Needles.register(needles);
        int[] lengths = java.util.Arrays.stream(ids).map(Needles::length).toArray();
        return new Trigger() {
            @Override
            public List<int[]> regions(Profile t) {
                List<int[]> out = new ArrayList<>(0);
                int len = t.text.length();
                for (int k = 0; k < t.hitCount; k++) {
                    int id = t.hits[2 * k];
                    for (int w = 0; w < ids.length; w++) {
                        if (ids[w] == id) {
                            int at = t.hits[2 * k + 1];
                            out.add(new int[]{Math.max(0, at - before), Math.min(len, at + lengths[w] + after)});
                            break;
                        }
                    }
                }
                return merge(out);
            }

            @Override
            public int[] literals() {
                return ids.clone();
            }

            @Override
            public String anchors() {
                return anchors;
            }

            @Override
            public int within() {
                return within;
            }
        };
    }

    /** Around runs of digits and digit separators holding at least {@code minDigits} digits. */
    static Trigger digits(int minDigits, int contextBefore) {
        if (minDigits < Profile.MIN_RUN_DIGITS) {
            throw new IllegalArgumentException("profiles only keep runs of " + Profile.MIN_RUN_DIGITS + "+ digits");
        }
        return t -> {
            List<int[]> out = new ArrayList<>(0);
            for (int[] run : t.digitRuns) {
                if (run[2] >= minDigits) {
                    out.add(new int[]{Math.max(0, run[0] - contextBefore), Math.min(t.text.length(), run[1] + 1)});
                }
            }
            return merge(out);
        };
    }

    /**
     * Around runs of the base64 alphabet at least {@code minLength} long that hold a capital, digit or symbol: where
     * a token with a fixed prefix and a long random tail (access keys, API keys) can be, with {@code contextBefore}
     * characters before for a name the rule reads too.
     */
    static Trigger encoded(int minLength, int contextBefore) {
        if (minLength < Profile.MIN_ENCODED) {
            throw new IllegalArgumentException("profiles only keep runs of " + Profile.MIN_ENCODED + "+ characters");
        }
        return t -> {
            List<int[]> out = new ArrayList<>(0);
            for (int[] run : t.encodedRuns) {
                if (run[1] - run[0] >= minLength) {
                    out.add(new int[]{Math.max(0, run[0] - contextBefore), Math.min(t.text.length(), run[1] + 1)});
                }
            }
            return merge(out);
        };
    }

    /** Around each upper-case letter pair followed by two digits: where an IBAN would start. */
    Trigger IBAN_START = t -> {
        List<int[]> out = new ArrayList<>(0);
        for (int i : t.ibanStarts) {
            out.add(new int[]{Math.max(0, i - 1), Math.min(t.text.length(), i + 44)});
        }
        return merge(out);
    };

    /** From each capital that starts a group of four, far enough for a key of five such groups. */
    Trigger CHUNK_START = t -> {
        List<int[]> out = new ArrayList<>(0);
        for (int i : t.chunkStarts) {
            out.add(new int[]{Math.max(0, i - 1), Math.min(t.text.length(), i + 25)});
        }
        return merge(out);
    };

    /**
     * Where a word-spelled address may be: around "dot" and a '.' before a label, back far enough for the longest
     * mailbox and first domain label the rule reads.
     */
    Trigger DOT_SPOTS = t -> {
        List<int[]> out = new ArrayList<>(around(t, t.dotSpots, 300, 60));
        out.addAll(around(t, t.lowerDotWords(), 300, 60));
        return merge(out);
    };

    /** From a capital 'A' that may start a cloud key, far enough for one with a separator between every pair. */
    Trigger CAPITAL_SPOTS = t -> around(t, t.capitalSpots, 1, 45);

    /** From a capital "BEGIN" through a key body after it. */
    Trigger CAPITAL_SPOTS_FAR = t -> around(t, t.capitalSpots, 1, 12_000);

    /** Around digits that touch letters: a key in lower case, or with look-alikes. */
    Trigger MIXED_SPOTS = t -> around(t, t.mixedSpots, 45, 45);

    /** From an encoded run that starts like a DER or OpenSSH key body, through the lines after it. */
    Trigger KEY_BODY = t -> {
        List<int[]> out = new ArrayList<>(0);
        for (int[] run : t.encodedRuns) {
            if (t.text.charAt(run[0]) == 'M' || t.text.startsWith("b3BlbnNzaC1rZXktdjE", run[0])) {
                out.add(new int[]{Math.max(0, run[0] - 1), Math.min(t.text.length(), run[0] + 12_000)});
            }
        }
        return merge(out);
    };

    /** Every region any of {@code triggers} marks, and every literal they look for. */
    static Trigger anyOf(Trigger... triggers) {
        return new Trigger() {
            @Override
            public List<int[]> regions(Profile t) {
                List<int[]> out = new ArrayList<>(0);
                for (Trigger trigger : triggers) {
                    out.addAll(trigger.regions(t));
                }
                return merge(out);
            }

            @Override
            public int[] literals() {
                return java.util.Arrays.stream(triggers).flatMapToInt(x -> java.util.Arrays.stream(x.literals()))
                        .toArray();
            }
        };
    }

    private static List<int[]> around(Profile t, List<Integer> spots, int before, int after) {
        List<int[]> out = new ArrayList<>(0);
        for (int i : spots) {
            out.add(new int[]{Math.max(0, i - before), Math.min(t.text.length(), i + after)});
        }
        return merge(out);
    }

    static List<int[]> merge(List<int[]> regions) {
        if (regions.size() <= 1) {
            return regions;
        }
        regions.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        int[] cur = regions.getFirst().clone();
        for (int[] r : regions.subList(1, regions.size())) {
            if (r[0] <= cur[1]) {
                cur[1] = Math.max(cur[1], r[1]);
            } else {
                out.add(cur);
                cur = r.clone();
            }
        }
        out.add(cur);
        return out;
    }
}
