package dev.airlock.desktop.live;

import dev.airlock.core.event.AirlockEvent;
import dev.airlock.core.event.SandboxReady;
import dev.airlock.core.event.SandboxRestarted;
import dev.airlock.core.event.SandboxStarted;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An agent's phase as the workbench shows it, from the run's events in the order they arrive. */
class LiveStateTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml");

    @Test
    void aHelloBeforeTheRuntimeSaysStartedLeavesTheAgentReady() {
        LiveState state = new LiveState(TopologyReader.read(SAMPLE).topology());
        // "Started" and the agent's hello are published on different threads; the hello can come first.
        state.apply(batch(new SandboxReady(2, 2, "r", "researcher", 412), started(3)));

        assertThat(state.agents().get("researcher").phase()).isEqualTo(LiveState.AgentPhase.READY);
        assertThat(state.agents().get("researcher").readyMillis()).isEqualTo(412);
    }

    @Test
    void aRestartGoesThroughStartingAgain() {
        LiveState state = new LiveState(TopologyReader.read(SAMPLE).topology());
        state.apply(batch(started(1), new SandboxReady(2, 2, "r", "researcher", 400),
                new SandboxRestarted(3, 3, "r", "researcher", 1, 100), started(4)));

        assertThat(state.agents().get("researcher").phase()).isEqualTo(LiveState.AgentPhase.STARTING);
    }

    private static SandboxStarted started(long at) {
        return new SandboxStarted(at, at, "r", "researcher", "c1", "airlock/agent-java", 0, 90);
    }

    private static LiveFeed.Batch batch(AirlockEvent... events) {
        return new LiveFeed.Batch(List.of(events), 0);
    }
}
