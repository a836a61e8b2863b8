package dev.airlock.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One end of a Unix socket for the bench's agents and its raw relay: a blocking channel, read through a 64 KiB
 * buffer. Kept apart from the gate's own links so that the baseline and the agents stay the same whatever the gate
 * does with its end of a connection.
 */
final class SocketEnd implements AutoCloseable {

    private final SocketChannel channel;
    private final InputStream in;

    SocketEnd(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        }, 1 << 16);
    }

    InputStream in() {
        return in;
    }

    synchronized void write(byte[] frame) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(frame);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
