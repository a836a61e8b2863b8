package dev.airlock.gate.guard;

/**
 * The tail of what already went down one pipe, so a secret split across consecutive messages is seen whole.
 * Holds only the last {@link #SIZE} characters of delivered text, masked spans cut out. Not thread-safe: one per pipe
 * direction, used under the pipeline's lock for that pipe.
 */
public final class SlidingWindow {

    public static final int SIZE = 128;

    private String tail = "";

    public String tail() {
        return tail;
    }

    public void push(String delivered) {
        String joined = delivered.length() >= SIZE ? delivered : tail + delivered;
        tail = joined.length() <= SIZE ? joined : joined.substring(joined.length() - SIZE);
    }
}
