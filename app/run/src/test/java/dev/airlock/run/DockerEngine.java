package dev.airlock.run;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.time.Duration;

/** Docker tests of the run engine: skipped with a message without an engine, failed under {@code CI=true}. */
final class DockerEngine {

    private DockerEngine() {
    }

    static void require() {
        try (DockerSandboxRuntime ignored = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            // An engine answered.
        } catch (EngineUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
        }
    }
}
