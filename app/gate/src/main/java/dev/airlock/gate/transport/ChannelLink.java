package dev.airlock.gate.transport;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A link over a socket channel (Unix domain or TCP), in non-blocking mode so that {@link #tryWrite} can hand the
 * socket a frame without ever waiting for the peer. Whoever must wait (the reader for data, a writer for room in
 * the socket) waits on a selector of its own: one channel registered with two selectors, so a read that waits
 * never holds up a write.
 */
public final class ChannelLink implements Link {

    private final SocketChannel channel;
    private final Selector readable;
    private final Selector writable;
    private final InputStream in;
    private final String transport;
    private final Object writeLock = new Object();

    public ChannelLink(SocketChannel channel, String transport) throws IOException {
        this.channel = channel;
        this.transport = transport;
        Selector forReads = null;
        try {
            channel.configureBlocking(false);
            forReads = selectorFor(channel, SelectionKey.OP_READ);
            this.writable = selectorFor(channel, SelectionKey.OP_WRITE);
        } catch (IOException e) {
            if (forReads != null) {
                closeQuietly(forReads);
            }
            channel.close();
            throw e;
        }
        this.readable = forReads;
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
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                int n;
                while ((n = channel.read(buf)) == 0) {
                    await(readable);
                }
                return n;
            }
        }, 1 << 16);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public void tryWrite(ByteBuffer[] parts) throws IOException {
        synchronized (writeLock) {
            channel.write(parts);
        }
    }

    @Override
    public void write(ByteBuffer[] parts) throws IOException {
        synchronized (writeLock) {
            while (hasRemaining(parts)) {
                if (channel.write(parts) == 0) {
                    await(writable);
                }
            }
        }
    }

    private static Selector selectorFor(SocketChannel channel, int op) throws IOException {
        Selector selector = Selector.open();
        try {
            channel.register(selector, op);
        } catch (IOException e) {
            closeQuietly(selector);
            throw e;
        }
        return selector;
    }

    private static boolean hasRemaining(ByteBuffer[] parts) {
        for (ByteBuffer part : parts) {
            if (part.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the selector's one channel is ready. Closing the link closes the selectors, which wakes a waiting
     * thread; the channel is closed first, so the woken thread learns why rather than trying again.
     */
    private void await(Selector selector) throws IOException {
        try {
            selector.select(key -> { });
        } catch (ClosedSelectorException e) {
            throw new AsynchronousCloseException();
        }
        if (Thread.currentThread().isInterrupted()) {
            // As a blocking channel would: an interrupted wait closes the link.
            close();
            throw new ClosedByInterruptException();
        }
        if (!channel.isOpen()) {
            throw new AsynchronousCloseException();
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
        closeQuietly(readable);
        closeQuietly(writable);
    }

    private static void closeQuietly(Selector selector) {
        try {
            selector.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
