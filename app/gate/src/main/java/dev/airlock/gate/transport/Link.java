package dev.airlock.gate.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * One agent's byte pipe to the gate, whatever carries it. Reads happen on one thread; {@link #write} may be called
 * from any thread and writes whole frames atomically.
 */
public interface Link extends Closeable {

    InputStream in();

    void write(byte[] frame) throws IOException;

    /** Writes a frame given as its prefix-and-header and its body, atomically; spares copying a large body. */
    default void write(byte[] head, byte[] body) throws IOException {
        byte[] frame = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, frame, head.length, body.length);
        write(frame);
    }

    /** {@code unix}, {@code stream} or {@code tcp}, for events and logs. */
    String transport();

    @Override
    void close();
}
