package dev.airlock.gate.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A link over a socket channel (Unix domain or TCP). Reads and writes go straight to the channel, which locks them
 * separately; {@code Channels.newInputStream} would make a blocked read hold up every write.
 */
public final class ChannelLink implements Link {

    private final SocketChannel channel;
    private final InputStream in;
    private final String transport;
    private final Object writeLock = new Object();

    public ChannelLink(SocketChannel channel, String transport) {
        this.channel = channel;
        this.transport = transport;
        this.in = new BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        }, 1 << 16);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public void write(byte[] frame) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(frame);
        synchronized (writeLock) {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    }

    @Override
    public void write(byte[] head, byte[] body) throws IOException {
        ByteBuffer[] parts = {ByteBuffer.wrap(head), ByteBuffer.wrap(body)};
        synchronized (writeLock) {
            while (parts[1].hasRemaining() || parts[0].hasRemaining()) {
                channel.write(parts);
            }
        }
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
