package dev.airlock.core.runtime;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ids an exporter writes and a headless gate checks must come out the same from the same topology. */
class WorkloadIdentitiesTest {

    private static Topology topology() {
        return TopologyReader.parse("t.yaml", """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                agents:
                  - {id: first, image: airlock/agent-java}
                  - {id: pinned, image: airlock/agent-java, sandbox: {user: "4242:4343"}}
                  - {id: third, image: airlock/agent-java}
                """.getBytes(StandardCharsets.UTF_8)).topology();
    }

    @Test
    void positionPicksADistinctHighIdAndANumericUserWins() {
        Topology t = topology();
        assertThat(WorkloadIdentities.of(t, "first")).isEqualTo(new AgentIdentity(1_770_000_001, 1_770_000_001));
        assertThat(WorkloadIdentities.of(t, "pinned")).isEqualTo(new AgentIdentity(4242, 4343));
        assertThat(WorkloadIdentities.of(t, "third")).isEqualTo(new AgentIdentity(1_770_000_003, 1_770_000_003));
        assertThat(WorkloadIdentities.of(t, "first")).isNotEqualTo(WorkloadIdentities.GATE);
        assertThat(WorkloadIdentities.of(topology(), "third")).isEqualTo(WorkloadIdentities.of(t, "third"));
    }

    @Test
    void anUnknownAgentHasNoIdentity() {
        assertThatThrownBy(() -> WorkloadIdentities.of(topology(), "stranger"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no agent stranger");
    }
}
