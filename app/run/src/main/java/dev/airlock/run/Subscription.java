package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One subscriber's bounded buffer and the thread that empties it into the handler. Closing it lets the handler
 * finish what is buffered, within a deadline; what is left then counts as dropped, like what did not fit.
 */
public final class Subscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final String name;
    private final BlockingQueue<AirlockEvent> buffer;
    private final Consumer<AirlockEvent> handler;
    private final Consumer<Subscription> onClose;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread worker;
    private volatile boolean closing;

    Subscription(String name, int capacity, Consumer<AirlockEvent> handler, Consumer<Subscription> onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.name = name;
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        this.onClose = onClose;
        this.worker = Thread.ofPlatform().daemon().name("airlock-events-" + name).start(this::drain);
    }

    public String name() {
        return name;
    }

    /** Events the handler has been given. */
    public long delivered() {
        return delivered.get();
    }

    /** Events this subscriber never saw: its buffer was full, or it was closed before reaching them. */
    public long dropped() {
        return dropped.get();
    }

    void offer(AirlockEvent event) {
        if (closing || !buffer.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        try {
            while (!closing || !buffer.isEmpty()) {
                AirlockEvent event = buffer.poll(50, TimeUnit.MILLISECONDS);
                if (event != null) {
                    handle(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropped.addAndGet(buffer.size());
        buffer.clear();
    }

    private void handle(AirlockEvent event) {
        try {
            handler.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("event subscriber {} failed on {}: {}", name, event.type(), e.toString());
        }
        delivered.incrementAndGet();
    }

    /** Stops taking events, lets the handler finish the buffered ones, and waits for that. */
    @Override
    public void close() {
        closeBy(System.nanoTime() + RunEvents.DRAIN.toNanos());
    }

    void closeBy(long deadlineNanos) {
        closing = true;
        onClose.accept(this);
        if (Thread.currentThread() == worker) {
            return;
        }
        try {
            worker.join(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
    }
}
