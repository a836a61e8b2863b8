package dev.airlock.gate.guard;

/**
 * One way of reading a message: the raw text, or what a normalization step made of it. Every character knows
 * where it came from in the raw text, so a finding in a normalized view can still be masked in the original.
 * Views decoded from an encoded run (base64, hex) map as a whole onto that run.
 */
public final class TextView {

    private final String step;
    private final String text;
    private final String raw;
    private final int[] origin;
    /**
     * Where each character's source ends in the raw text, when a view character stands for more than one raw
     * character (a digit spelled as a word); null when every character stands for one.
     */
    private final int[] originEnd;
    /** False for a view that reorders the text (reversed): a span then maps to the hull of its characters. */
    private final boolean monotone;
    private final int fixedStart;
    private final int fixedEnd;
    private final int decodeDepth;
    private final Needles needles;
    private Profile profile;

    private TextView(String step, String text, String raw, int[] origin, int[] originEnd, boolean monotone,
                     int fixedStart, int fixedEnd, int decodeDepth, Needles needles) {
        this.step = step;
        this.text = text;
        this.raw = raw;
        this.origin = origin;
        this.originEnd = originEnd;
        this.monotone = monotone;
        this.fixedStart = fixedStart;
        this.fixedEnd = fixedEnd;
        this.decodeDepth = decodeDepth;
        this.needles = needles;
    }

    /** The raw text, whose views' profiles look for {@code needles}. */
    static TextView raw(String raw, Needles needles) {
        return new TextView("raw", raw, raw, null, null, true, -1, -1, 0, needles);
    }


    /** A view derived from {@code parent}: its origins are composed so they still point into the raw text. */
    TextView derive(String step, String newText, int[] parentIndex) {
        return derive(step, newText, parentIndex, null, true);
    }

    /**
     * A view derived from this one where view character {@code i} stands for this view's characters
     * {@code [parentStart[i], parentEnd[i])} ({@code parentEnd} null: one character each); {@code inOrder} false when
     * the new view reorders them.
     */
    TextView derive(String step, String newText, int[] parentStart, int[] parentEnd, boolean inOrder) {
        String name = "raw".equals(this.step) ? step : this.step + "+" + step;
        if (fixedStart >= 0) {
            return new TextView(name, newText, raw, null, null, true, fixedStart, fixedEnd, decodeDepth, needles);
        }
        int n = parentStart.length;
        int[] composed = new int[n];
        int[] composedEnd = parentEnd != null || originEnd != null ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            int from = parentStart[i];
            composed[i] = origin == null ? from : origin[from];
            if (composedEnd != null) {
                int to = parentEnd != null ? parentEnd[i] : from + 1;
                int[] hull = rawSpan(from, Math.max(to, from + 1));
                composed[i] = hull[0];
                composedEnd[i] = hull[1];
            }
        }
        return new TextView(name, newText, raw, composed, composedEnd, monotone && inOrder, -1, -1, decodeDepth,
                needles);
    }

    /** A decoded view of {@code [start, end)} of this view; its name says how it was decoded. */
    TextView decoded(String step, String decodedText, int start, int end) {
        int[] span = rawSpan(start, end);
        String name = "raw".equals(this.step) ? step : this.step + "+" + step;
        return new TextView(name, decodedText, raw, null, null, true, span[0], span[1], decodeDepth + 1, needles);
    }

    /** The one-pass profile of this view's text, computed on first use. */
    Profile profile() {
        if (profile == null) {
            profile = Profile.of(text, needles);
        }
        return profile;
    }

    public String step() {
        return step;
    }

    public String text() {
        return text;
    }

    public String rawText() {
        return raw;
    }

    /** How many decodings (base64, hex, URL) deep this view is. */
    int depth() {
        return decodeDepth;
    }

    /**
     * The span {@code [viewStart, viewEnd)} as written in the raw text, for checks a normalization could fool (the
     * leet view turns a key's digits into letters). A decoded view has no such span and gives its own text.
     */
    String asWritten(int viewStart, int viewEnd) {
        if (fixedStart >= 0) {
            return text.substring(viewStart, viewEnd);
        }
        int[] span = rawSpan(viewStart, viewEnd);
        return raw.substring(span[0], span[1]);
    }

    /**
     * The raw text's span {@code [start, end)} that the view's {@code [viewStart, viewEnd)} came from: exactly the
     * characters that spelled it, so masking it leaves every neighbour intact.
     */
    public int[] rawSpan(int viewStart, int viewEnd) {
        if (fixedStart >= 0) {
            return new int[]{fixedStart, fixedEnd};
        }
        if (monotone) {
            return new int[]{rawStart(viewStart), rawEnd(viewEnd)};
        }
        int start = Integer.MAX_VALUE;
        int end = 0;
        for (int i = viewStart; i < viewEnd; i++) {
            start = Math.min(start, origin[i]);
            end = Math.max(end, charEnd(i));
        }
        return start > end ? new int[]{0, 0} : new int[]{start, end};
    }

    /** Where view character {@code i}'s source ends in the raw text. */
    private int charEnd(int i) {
        if (originEnd != null) {
            return originEnd[i];
        }
        int at = origin == null ? i : origin[i];
        return at + Character.charCount(raw.codePointAt(at));
    }

    /** Whether this view came from reversing or rotating the text, which is not done twice. */
    boolean transformed() {
        return step.contains("reversed") || step.contains("rot13");
    }

    public int rawStart(int viewStart) {
        if (fixedStart >= 0) {
            return fixedStart;
        }
        return origin == null ? viewStart : origin[viewStart];
    }

    public int rawEnd(int viewEnd) {
        if (fixedStart >= 0) {
            return fixedEnd;
        }
        if (viewEnd == 0) {
            return 0;
        }
        return charEnd(viewEnd - 1);
    }
}
