package dev.airlock.desktop.view;

import dev.airlock.core.event.AirlockEvent;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands a run's events to the events table at most every 250 ms instead of every pulse. Each append makes the table
 * lay out its visible cells again; under 5,000 events a second appends and cell updates were an eighth of the FX
 * thread's samples in {@code ui --bench-live}, for rows nobody can read at sixty updates a second. What waits is
 * at most a quarter second of events, all of which arrive.
 */
final class PacedRows {

    private static final Duration EVERY = Duration.millis(250);

    private final Consumer<List<AirlockEvent>> table;
    private final Throttle throttle = new Throttle(EVERY, this::flush);
    private final List<AirlockEvent> waiting = new ArrayList<>();

    PacedRows(Consumer<List<AirlockEvent>> table) {
        this.table = table;
    }

    void offer(List<AirlockEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        waiting.addAll(events);
        throttle.request();
    }

    /** Forgets what waits, for a table that starts over. */
    void drop() {
        throttle.cancel();
        waiting.clear();
    }

    private void flush() {
        if (waiting.isEmpty()) {
            return;
        }
        List<AirlockEvent> batch = List.copyOf(waiting);
        waiting.clear();
        table.accept(batch);
    }
}
