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
    private final int fixedStart;
    private final int fixedEnd;
    private final int decodeDepth;
    private final Needles needles;
    private Profile profile;

    private TextView(String step, String text, String raw, int[] origin, int fixedStart, int fixedEnd,
                     int decodeDepth, Needles needles) {
        this.step = step;
        this.text = text;
        this.raw = raw;
        this.origin = origin;
        this.fixedStart = fixedStart;
        this.fixedEnd = fixedEnd;
        this.decodeDepth = decodeDepth;
        this.needles = needles;
    }

    /** The raw text, whose views' profiles look for {@code needles}. */
    static TextView raw(String raw, Needles needles) {
        return new TextView("raw", raw, raw, null, -1, -1, 0, needles);
    }


    /** A view derived from {@code parent}: its origins are composed so they still point into the raw text. */
    TextView derive(String step, String newText, int[] parentIndex) {
        if (fixedStart >= 0) {
            return new TextView(this.step + "+" + step, newText, raw, null, fixedStart, fixedEnd, decodeDepth,
                    needles);
        }
        int[] composed = new int[parentIndex.length];
        for (int i = 0; i < parentIndex.length; i++) {
            composed[i] = origin == null ? parentIndex[i] : origin[parentIndex[i]];
        }
        String name = "raw".equals(this.step) ? step : this.step + "+" + step;
        return new TextView(name, newText, raw, composed, -1, -1, decodeDepth, needles);
    }

    /** A decoded view of {@code [start, end)} of this view; its name says how it was decoded. */
    TextView decoded(String step, String decodedText, int start, int end) {
        int rawStart = rawStart(start);
        int rawEnd = rawEnd(end);
        String name = "raw".equals(this.step) ? step : this.step + "+" + step;
        return new TextView(name, decodedText, raw, null, rawStart, rawEnd, decodeDepth + 1, needles);
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
        return fixedStart >= 0 ? text.substring(viewStart, viewEnd)
                : raw.substring(rawStart(viewStart), rawEnd(viewEnd));
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
        int last = origin == null ? viewEnd - 1 : origin[viewEnd - 1];
        return last + Character.charCount(raw.codePointAt(last));
    }
}
