package dev.airlock.gate;

import dev.airlock.gate.transport.Link;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the gate sends on one connection, in order, without whoever hands a frame over ever waiting on this
 * agent's socket, so an agent that stops reading stalls nobody but itself.
 * <p>
 * When nothing is queued or being written, the thread that hands a frame over writes it itself with a write that
 * takes only what the socket has room for: the common case costs no hand-off to another thread. What the socket
 * does not take at once, and every frame that arrives while one is being written, is queued for the connection's
 * writer thread (started the first time it is needed), which waits for the socket as long as it takes. A link that
 * cannot write without waiting (a stream) takes nothing at once, so there every frame goes to the writer thread.
 * <p>
 * The queue is bounded in bytes (a frame being written still counts): a delivery that does not fit is refused,
 * while the gate's answers to the agent's own frames wait for room, which only holds up reading that same agent.
 */
final class Outbound {

    /** Who writes to the socket now. One at a time, so a frame's bytes are never interleaved with another's. */
    private enum Writer {
        /** Nobody: nothing is queued or half written, so the next frame may go out on the thread that brings it. */
        NONE,
        /** A thread that handed a frame over is writing it; frames that arrive meanwhile queue behind it. */
        CALLER,
        /** The writer thread, until the queue is empty. */
        THREAD,
        /** A write failed: nothing more is written, and the connection is being dropped. */
        FAILED
    }

    private final Link link;
    private final long maxBytes;
    private final String threadName;
    private final Runnable onWriteFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<QueuedFrame> frames = new ArrayDeque<>();
    /** What the socket did not take of the last frame written at once; it goes out before anything queued. */
    private ByteBuffer[] rest;
    private long restCost;
    private long bytes;
    private boolean closing;
    private Writer writer = Writer.NONE;
    private boolean threadStarted;

    Outbound(Link link, long maxBytes, String threadName, Runnable onWriteFailure) {
        this.link = link;
        this.maxBytes = maxBytes;
        this.threadName = threadName;
        this.onWriteFailure = onWriteFailure;
    }

    /** Takes a delivery if it fits; never waits. */
    boolean offer(QueuedFrame f) {
        boolean mine;
        lock.lock();
        try {
            if (closing || !f.fits(bytes, maxBytes)) {
                return false;
            }
            mine = add(f);
        } finally {
            lock.unlock();
        }
        if (mine) {
            writeNow(f);
        }
        return true;
    }

    /** Takes an answer to the agent's own frame, waiting for room: only the agent's own reader waits here. */
    void put(QueuedFrame f) throws IOException {
        boolean mine;
        lock.lock();
        try {
            while (!closing && !f.fits(bytes, maxBytes)) {
                room.await();
            }
            if (closing) {
                throw new IOException("connection closed");
            }
            mine = add(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the agent was not reading");
        } finally {
            lock.unlock();
        }
        if (mine) {
            writeNow(f);
        }
    }

    /** Takes a frame past the bound, for what is already bounded elsewhere or small and rare; false once closing. */
    boolean push(QueuedFrame f) {
        boolean mine;
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            mine = add(f);
        } finally {
            lock.unlock();
        }
        if (mine) {
            writeNow(f);
        }
        return true;
    }

    /** Counts {@code f} in; true when the caller is to write it now, false when it was queued. Holding the lock. */
    private boolean add(QueuedFrame f) {
        bytes += f.cost();
        if (writer == Writer.NONE) {
            writer = Writer.CALLER;
            return true;
        }
        frames.add(f);
        return false;
    }

    /** Writes what the socket takes of {@code f} at once; the rest, and whatever queued meanwhile, is the thread's. */
    private void writeNow(QueuedFrame f) {
        ByteBuffer[] parts = f.buffers();
        try {
            link.tryWrite(parts);
        } catch (IOException e) {
            failed(f.cost());
            return;
        }
        lock.lock();
        try {
            if (hasRemaining(parts)) {
                rest = parts;
                restCost = f.cost();
                handToThread();
            } else {
                written(f.cost());
                if (!frames.isEmpty()) {
                    handToThread();
                } else {
                    writer = Writer.NONE;
                    if (closing) {
                        // The writer thread may be waiting to learn that nothing more will come.
                        work.signal();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static boolean hasRemaining(ByteBuffer[] parts) {
        return parts[0].hasRemaining() || parts[1].hasRemaining();
    }

    /** Holding the lock. */
    private void handToThread() {
        writer = Writer.THREAD;
        if (threadStarted) {
            work.signal();
        } else {
            threadStarted = true;
            Thread.ofPlatform().daemon().name(threadName).start(this::writeLoop);
        }
    }

    /** Holding the lock. */
    private void written(long cost) {
        bytes -= cost;
        room.signalAll();
    }

    private void failed(long cost) {
        lock.lock();
        try {
            bytes -= cost;
            writer = Writer.FAILED;
            room.signalAll();
        } finally {
            lock.unlock();
        }
        onWriteFailure.run();
    }

    /** Bytes taken and not yet handed to the socket. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more frames, lets what is queued or half written go out (an error the agent should read before the
     * connection ends), then closes the link; after {@code grace} it is closed anyway, in case the agent stopped
     * reading.
     */
    void finish(Duration grace) {
        lock.lock();
        try {
            closing = true;
            work.signal();
            room.signalAll();
            long left = grace.toNanos();
            while ((writer == Writer.CALLER || writer == Writer.THREAD) && left > 0) {
                left = room.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        link.close();
    }

    /** Drops what is queued and closes the link now; a write under way fails on the closed link. */
    void abort() {
        lock.lock();
        try {
            closing = true;
            frames.forEach(f -> bytes -= f.cost());
            frames.clear();
            if (rest != null) {
                bytes -= restCost;
                rest = null;
            }
            work.signal();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        link.close();
    }

    private void writeLoop() {
        while (true) {
            ByteBuffer[] parts;
            long cost;
            lock.lock();
            try {
                while (writer != Writer.THREAD) {
                    if (closing && writer != Writer.CALLER) {
                        // Nothing left, and nothing more will come: a half-written frame would come from a caller.
                        return;
                    }
                    work.awaitUninterruptibly();
                }
                if (rest != null) {
                    parts = rest;
                    cost = restCost;
                    rest = null;
                } else if (!frames.isEmpty()) {
                    QueuedFrame f = frames.poll();
                    parts = f.buffers();
                    cost = f.cost();
                } else {
                    writer = Writer.NONE;
                    room.signalAll();
                    continue;
                }
            } finally {
                lock.unlock();
            }
            try {
                link.write(parts);
            } catch (IOException e) {
                failed(cost);
                return;
            }
            lock.lock();
            try {
                written(cost);
            } finally {
                lock.unlock();
            }
        }
    }
}
