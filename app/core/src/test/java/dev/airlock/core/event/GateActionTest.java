package dev.airlock.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GateActionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(GateAction.class)
    void aDecisionsActionIsWrittenAndReadAsItsLowercaseText(GateAction action) throws Exception {
        GateDecision d = new GateDecision(1, 2, "a", "send", "b", "message", "a->b", action, "r", "why", List.of(),
                3, 4, 5, 6, 7);
        assertThat(JSON.valueToTree(d).get("action").asText()).isEqualTo(action.name().toLowerCase());
        assertThat(JSON.readValue("\"" + action.text() + "\"", GateAction.class)).isEqualTo(action);
        assertThat(action).hasToString(action.text());
    }

    @Test
    void onlyDeliveriesAndMaskingsPass() {
        assertThat(GateAction.values()).filteredOn(GateAction::passes)
                .containsExactlyInAnyOrder(GateAction.DELIVER, GateAction.MASK);
    }

    @Test
    void aSwitchOverEventsNeedsNoDefault() {
        AirlockEvent e = new GateConnection(1, 2, "a", "unix", true, "");
        // Compiles only while AirlockEvent is sealed: the switch is exhaustive without a default branch.
        String kind = switch (e) {
            case GateDecision d -> "decision";
            case GateConnection c -> "connection";
            case SandboxStarted s -> "started";
            case SandboxReady r -> "ready";
            case SandboxOutput o -> "output";
            case SandboxStats s -> "stats";
            case SandboxExited x -> "exited";
            case SandboxRestarted r -> "restarted";
            case SandboxRemoved r -> "removed";
        };
        assertThat(kind).isEqualTo("connection");
    }
}
