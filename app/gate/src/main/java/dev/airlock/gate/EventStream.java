package dev.airlock.gate;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans the gate's events out to subscribers without ever waiting on one: each subscriber has a bounded queue, and
 * an event that does not fit is dropped for that subscriber and counted, so a slow live view cannot slow the gate.
 */
public final class EventStream implements EventSink {

    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(AirlockEvent event) {
        for (Subscription s : subscribers) {
            s.offer(event);
        }
    }

    public Subscription subscribe(int capacity) {
        Subscription s = new Subscription(capacity);
        subscribers.add(s);
        return s;
    }

    public final class Subscription implements AutoCloseable {
        private final ArrayBlockingQueue<AirlockEvent> queue;
        private final AtomicLong dropped = new AtomicLong();

        private Subscription(int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        private void offer(AirlockEvent e) {
            if (!queue.offer(e)) {
                dropped.incrementAndGet();
            }
        }

        /** The next event, or null after {@code timeoutMillis}. */
        public AirlockEvent poll(long timeoutMillis) throws InterruptedException {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        }

        public int drainTo(List<AirlockEvent> into, int max) {
            return queue.drainTo(into, max);
        }

        /** Events this subscriber missed because it was not keeping up. */
        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
