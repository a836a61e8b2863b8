package dev.airlock.run;

import dev.airlock.core.event.AirlockEvent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The run's events as subscriptions. Producers (gate threads, the launcher) only ever {@code offer} to each
 * subscriber's bounded buffer, so a slow subscriber (a disk, the JavaFX thread) costs them nothing: when its
 * buffer is full, the event is dropped for that subscriber alone and counted.
 */
public final class RunEvents {

    /** How long closing waits for subscribers to finish what is already in their buffers. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong published = new AtomicLong();

    /**
     * Calls {@code handler} for every later event, in order, on a thread of the subscription's own.
     *
     * @param name     for thread names and drop reports, e.g. {@code events-file}
     * @param capacity how many events may wait for a slow handler before later ones are dropped
     */
    public Subscription subscribe(String name, int capacity, Consumer<AirlockEvent> handler) {
        Subscription s = new Subscription(name, capacity, handler, subscriptions::remove);
        subscriptions.add(s);
        return s;
    }

    /** How many events the run produced so far. */
    public long published() {
        return published.get();
    }

    void publish(AirlockEvent event) {
        published.incrementAndGet();
        for (Subscription s : subscriptions) {
            s.offer(event);
        }
    }

    /** Lets every subscriber finish what it holds (up to {@link #DRAIN} in all), then stops them. */
    void close() {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        for (Subscription s : subscriptions) {
            s.closeBy(deadline);
        }
    }
}
