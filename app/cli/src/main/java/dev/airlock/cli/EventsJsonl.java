package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.run.RunEvents;
import dev.airlock.run.Subscription;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every event of a run, one JSON object a line, {@code type} first. It follows the run as a subscriber of its own,
 * so a slow disk never holds up the gate: what does not fit the buffer is counted. Lines are written on that
 * subscriber's thread and flushed at most {@link #FLUSH_EVERY_MILLIS} after they were written, so a run killed
 * outright ({@code kill -9}) keeps its record up to its last second without a flush per event.
 */
final class EventsJsonl implements EventSink, AutoCloseable {

    private static final int BUFFER = 65_536;
    static final long FLUSH_EVERY_MILLIS = 1_000;

    private final ObjectMapper json = new ObjectMapper();
    private final BufferedWriter out;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("airlock-events-flush").factory());
    private boolean unflushed;
    private Subscription subscription;

    EventsJsonl(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw OutputFiles.cannotWrite("--events", file, e);
        }
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void follow(RunEvents events) {
        subscription = events.subscribe("events-file", BUFFER, this::publish);
    }

    /** Events that never reached the file. */
    long dropped() {
        return subscription == null ? 0 : subscription.dropped();
    }

    @Override
    public synchronized void publish(AirlockEvent event) {
        ObjectNode line = json.createObjectNode().put("type", event.type());
        line.setAll((ObjectNode) json.valueToTree(event));
        try {
            out.write(line.toString());
            out.newLine();
            unflushed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void flush() {
        if (!unflushed) {
            return;
        }
        try {
            out.flush();
            unflushed = false;
        } catch (IOException e) {
            // The next tick, or close, tries again and reports what still fails.
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        flusher.shutdownNow();
        synchronized (this) {
            closeFile();
        }
    }

    private void closeFile() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
