package dev.airlock.gate;

import dev.airlock.gate.transport.Link;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the gate sends on one connection, in order, written by a thread of its own: whoever hands a frame
 * over never waits on this agent's socket, so an agent that stops reading stalls nobody but itself. The queue is
 * bounded in bytes (a frame being written still counts): a delivery that does not fit is refused, while the
 * gate's answers to the agent's own frames wait for room, which only holds up reading that same agent.
 */
final class Outbound {

    private final Link link;
    private final long maxBytes;
    private final Runnable onWriteFailure;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final ArrayDeque<QueuedFrame> frames = new ArrayDeque<>();
    private long bytes;
    private boolean closing;
    private boolean written;

    Outbound(Link link, long maxBytes, Runnable onWriteFailure) {
        this.link = link;
        this.maxBytes = maxBytes;
        this.onWriteFailure = onWriteFailure;
    }

    void start(String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(this::writeLoop);
    }

    /** Queues a delivery if it fits; never waits. */
    boolean offer(QueuedFrame f) {
        lock.lock();
        try {
            if (closing || !f.fits(bytes, maxBytes)) {
                return false;
            }
            add(f);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Queues an answer to the agent's own frame, waiting for room: only the agent's own reader waits here. */
    void put(QueuedFrame f) throws IOException {
        lock.lock();
        try {
            while (!closing && !f.fits(bytes, maxBytes)) {
                room.await();
            }
            if (closing) {
                throw new IOException("connection closed");
            }
            add(f);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the agent was not reading");
        } finally {
            lock.unlock();
        }
    }

    /** Queues past the bound, for what is already bounded elsewhere or small and rare; false once closing. */
    boolean push(QueuedFrame f) {
        lock.lock();
        try {
            if (closing) {
                return false;
            }
            add(f);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void add(QueuedFrame f) {
        frames.add(f);
        bytes += f.cost();
        work.signal();
    }

    /** Bytes queued and not yet handed to the socket. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no more frames, lets what is queued go out (an error the agent should read before the connection
     * ends), then closes the link; after {@code grace} it is closed anyway, in case the agent stopped reading.
     */
    void finish(Duration grace) {
        lock.lock();
        try {
            closing = true;
            work.signal();
            room.signalAll();
            long left = grace.toNanos();
            while (!written && left > 0) {
                left = room.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        link.close();
    }

    /** Drops what is queued and closes the link now. */
    void abort() {
        lock.lock();
        try {
            closing = true;
            frames.forEach(f -> bytes -= f.cost());
            frames.clear();
            work.signal();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        link.close();
    }

    /** The writer is done with the link; called holding the lock. */
    private void ended() {
        written = true;
        room.signalAll();
    }

    private void writeLoop() {
        while (true) {
            QueuedFrame f;
            lock.lock();
            try {
                while (frames.isEmpty() && !closing) {
                    work.awaitUninterruptibly();
                }
                f = frames.poll();
                if (f == null) {
                    ended();
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                if (f.body().length == 0) {
                    link.write(f.head());
                } else {
                    link.write(f.head(), f.body());
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    ended();
                } finally {
                    lock.unlock();
                }
                onWriteFailure.run();
                return;
            }
            lock.lock();
            try {
                bytes -= f.cost();
                room.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
