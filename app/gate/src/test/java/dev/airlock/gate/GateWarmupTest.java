package dev.airlock.gate;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.GateAction;
import dev.airlock.core.event.GateDecision;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class GateWarmupTest {

    @Test
    void everyPathOfARunsFirstMessagesIsTakenAndNothingIsLeftBehind() throws Exception {
        List<Path> before = warmupDirectories();
        List<AirlockEvent> events = new CopyOnWriteArrayList<>();

        assertThat(GateWarmup.run(Duration.ofSeconds(30), events::add)).isEqualTo(GateWarmup.ROUNDS);

        List<GateDecision> decisions = events.stream().filter(GateDecision.class::isInstance)
                .map(GateDecision.class::cast).toList();
        assertThat(decisions).anyMatch(d -> d.frame().equals("hello") && d.delivered());
        assertThat(decisions).anyMatch(d -> d.agent().equals("user") && d.delivered());
        assertThat(decisions).anyMatch(d -> d.frame().equals("model.complete") && d.action() == GateAction.MASK);
        assertThat(decisions).anyMatch(d -> d.frame().equals("tool.call") && d.action() == GateAction.MASK);
        assertThat(decisions).anyMatch(d -> d.rule().startsWith("secrets") && d.action() == GateAction.BLOCK);
        assertThat(decisions).anyMatch(d -> d.rule().equals("pathway.kind"));
        assertThat(warmupDirectories()).isEqualTo(before);
    }

    @Test
    void aSpentBudgetStopsItEarly() {
        assertThat(GateWarmup.run(Duration.ZERO)).isZero();
    }

    private static List<Path> warmupDirectories() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("alw")).sorted().toList();
        }
    }
}
