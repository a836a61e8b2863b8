package dev.airlock.sandbox;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.ImageBuilder;
import dev.airlock.sandbox.images.ProbeImage;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test access to the real engine. Without one, Docker tests are skipped with a clear message, except under
 * {@code CI=true}, where a missing engine is a failure.
 */
final class Engine {

    private Engine() {
    }

    /** Collects events for assertions. */
    static final class Recorder implements EventSink {
        final List<AirlockEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(AirlockEvent event) {
            events.add(event);
        }

        <T extends AirlockEvent> List<T> of(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    static DockerSandboxRuntime runtime(EventSink events) {
        return runtime(events, Duration.ZERO);
    }

    static DockerSandboxRuntime runtime(EventSink events, Duration stats) {
        try {
            return DockerSandboxRuntime.connect(events, stats);
        } catch (EngineUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
            throw e;
        }
    }

    static void ensureProbe(DockerSandboxRuntime runtime) {
        try {
            new ImageBuilder(runtime.client()).ensure(ProbeImage.fromHost(), ImageBuilder.Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void ensureAgentJava(DockerSandboxRuntime runtime) {
        try {
            new ImageBuilder(runtime.client()).ensure(AgentJavaImage.fromThisProcess(), ImageBuilder.Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
