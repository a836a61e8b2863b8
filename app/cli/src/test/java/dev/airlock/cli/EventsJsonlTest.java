package dev.airlock.cli;

import dev.airlock.core.event.GateConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The events file must hold what was written within about a second, before it is ever closed: a crash keeps it. */
class EventsJsonlTest {

    @TempDir
    Path dir;

    @Test
    void aWrittenEventReachesTheFileWithinASecondWithoutClosing() throws Exception {
        Path file = dir.resolve("run.jsonl");
        try (EventsJsonl jsonl = new EventsJsonl(file)) {
            jsonl.publish(new GateConnection(1, 2, "planner", "unix", true, ""));
            long deadline = System.currentTimeMillis() + 3 * EventsJsonl.FLUSH_EVERY_MILLIS;
            while (Files.size(file) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(file)).startsWith("{\"type\":\"gate.connection\"").contains("\"planner\"");
        }
    }
}
