package dev.airlock.desktop.live;

import dev.airlock.core.event.AirlockEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bounded buffer between a run's events and the JavaFX thread. {@link #offer} never waits: what does not fit
 * is dropped from the view and counted (the run's audit keeps everything). A burst schedules one drain, and the
 * drain hands over everything buffered as one batch, so the view updates at most once per pulse.
 */
public final class LiveFeed {

    /** What reached the view since the last batch, and how many events the view has missed in all. */
    public record Batch(List<AirlockEvent> events, long dropped) {
    }

    private final int capacity;
    private final Consumer<Runnable> schedule;
    private final Consumer<Batch> onBatch;
    private final ArrayDeque<AirlockEvent> buffer = new ArrayDeque<>();
    private long dropped;
    private boolean scheduled;

    /**
     * @param schedule runs a drain on the UI thread with the next pulse (the FX bridge)
     * @param onBatch  gets each batch on the UI thread
     */
    public LiveFeed(int capacity, Consumer<Runnable> schedule, Consumer<Batch> onBatch) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.schedule = schedule;
        this.onBatch = onBatch;
    }

    /** Called by the producer (the run's subscription thread); returns at once. */
    public void offer(AirlockEvent event) {
        synchronized (this) {
            if (buffer.size() >= capacity) {
                dropped++;
                return;
            }
            buffer.add(event);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        schedule.accept(this::drain);
    }

    /** Counts events the producer could not even hand over (its own buffer was full) as dropped from the view. */
    public synchronized void droppedUpstream(long count) {
        dropped += count;
    }

    public synchronized long dropped() {
        return dropped;
    }

    private void drain() {
        Batch batch;
        synchronized (this) {
            batch = new Batch(new ArrayList<>(buffer), dropped);
            buffer.clear();
            scheduled = false;
        }
        onBatch.accept(batch);
    }
}
