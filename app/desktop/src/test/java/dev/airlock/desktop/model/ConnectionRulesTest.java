package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionRulesTest {

    private final Topology t = Topology.empty("t")
            .withAgents(List.of(AgentSpec.named("a"), AgentSpec.named("b")))
            .withTools(List.of(ToolSpec.of("web", ToolType.HTTP_FETCH), ToolSpec.of("files", ToolType.FILES)))
            .withModels(List.of(ModelSpec.scripted("llm")));

    @Test
    void agentsAndTheUserAreJoinedByPipes() {
        ConnectionRules.Verdict v = ConnectionRules.check(t, "user", "a");
        assertThat(v.allowed()).isTrue();
        assertThat(v.result().pipes()).containsExactly(PipeSpec.between("user", "a"));
    }

    @Test
    void anAgentDraggedToAToolOrModelGetsItInScope() {
        assertThat(ConnectionRules.check(t, "a", "web").result().agent("a").orElseThrow().tools()).containsExactly("web");
        assertThat(ConnectionRules.check(t, "llm", "a").result().agent("a").orElseThrow().models()).containsExactly("llm");
    }

    @Test
    void refusesWhatTheGateCouldNotEnforceAndSaysWhy() {
        assertThat(ConnectionRules.check(t, "user", "web").text()).contains("only through an agent");
        assertThat(ConnectionRules.check(t, "web", "files").text()).contains("connect only to agents");
        assertThat(ConnectionRules.check(t, "a", "a").text()).contains("itself");
        Topology piped = ConnectionRules.check(t, "a", "b").result();
        ConnectionRules.Verdict again = ConnectionRules.check(piped, "b", "a");
        assertThat(again.allowed()).isFalse();
        assertThat(again.text()).contains("already share a pipe");
        Topology scoped = ConnectionRules.check(t, "a", "web").result();
        assertThat(ConnectionRules.check(scoped, "a", "web").text()).contains("already has 'web' in scope");
    }
}
