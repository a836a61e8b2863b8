package dev.airlock.gate.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * One agent's byte pipe to the gate, whatever carries it. Reads happen on one thread; {@link #write} may be called
 * from any thread and writes whole frames atomically.
 */
public interface Link extends Closeable {

    InputStream in();

    /** Writes all that remains of a frame given in parts, waiting for the peer to take it as long as that lasts. */
    void write(ByteBuffer[] parts) throws IOException;

    default void write(byte[] frame) throws IOException {
        write(new ByteBuffer[] {ByteBuffer.wrap(frame)});
    }

    /** Writes a frame given as its prefix-and-header and its body, atomically; spares copying a large body. */
    default void write(byte[] head, byte[] body) throws IOException {
        write(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)});
    }

    /**
     * Writes as much of a frame as the link takes at once, never waiting for the peer, and advances {@code parts}
     * past it. A frame left partly written must be finished with {@link #write(ByteBuffer[])} before any other
     * frame's bytes. A link that cannot write without risking a wait (a stream) takes nothing here.
     */
    default void tryWrite(ByteBuffer[] parts) throws IOException {
        // nothing taken: the caller hands the frame to a thread that may wait
    }

    /** {@code unix}, {@code stream} or {@code tcp}, for events and logs. */
    String transport();

    @Override
    void close();
}
