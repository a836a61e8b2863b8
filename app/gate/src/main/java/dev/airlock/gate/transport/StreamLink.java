package dev.airlock.gate.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A link over a pair of streams: a container's attached stdio. A stream cannot write without the risk of waiting,
 * so it takes nothing in {@link #tryWrite}, and every frame goes out on the connection's writer thread.
 */
public final class StreamLink implements Link {

    private final InputStream in;
    private final OutputStream out;
    private final String transport;
    private final Runnable onClose;

    public StreamLink(InputStream in, OutputStream out, String transport, Runnable onClose) {
        this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
        this.out = out;
        this.transport = transport;
        this.onClose = onClose;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public void write(ByteBuffer[] parts) throws IOException {
        synchronized (out) {
            for (ByteBuffer part : parts) {
                out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
                part.position(part.limit());
            }
            out.flush();
        }
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is best effort: the peer may already be gone.
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // as above
        }
        if (onClose != null) {
            onClose.run();
        }
    }
}
