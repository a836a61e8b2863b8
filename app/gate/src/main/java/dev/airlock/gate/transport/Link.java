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

    /** {@code unix}, {@code stream} or {@code tcp}, for events and logs. */
    String transport();

    @Override
    void close();
}
