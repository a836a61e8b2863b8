package dev.airlock.gate;

import java.nio.ByteBuffer;

/**
 * A frame waiting to be written to an agent, kept as its head and body so a large body is never copied. Its cost
 * counts what it holds in the gate's heap, so a flood of tiny frames is bounded like a few large ones.
 */
record QueuedFrame(byte[] head, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    /** What a queued frame costs besides its bytes: the frame object and its place in the queue. */
    private static final int OVERHEAD = 64;

    static QueuedFrame whole(byte[] frame) {
        return new QueuedFrame(frame, NO_BODY);
    }

    /** Fresh buffers over the frame's bytes, for one attempt to send it; the arrays are not copied. */
    ByteBuffer[] buffers() {
        return new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
    }

    long cost() {
        return (long) head.length + body.length + OVERHEAD;
    }

    /**
     * Whether this frame may join {@code queued} bytes under {@code maxBytes}. An empty queue takes any frame, so a
     * single frame larger than the bound is slow rather than undeliverable.
     */
    boolean fits(long queued, long maxBytes) {
        return queued == 0 || queued + cost() <= maxBytes;
    }
}
