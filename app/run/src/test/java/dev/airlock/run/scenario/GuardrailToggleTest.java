package dev.airlock.run.scenario;

import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.GuardrailSpec.Action;
import dev.airlock.core.topology.GuardrailSpec.Mask;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario's what-if toggles a guardrail's action and nothing else about it. */
class GuardrailToggleTest {

    static final Topology TOPOLOGY = TopologyReader.parse("t.yaml", """
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: t}
            agents:
              - {id: a, image: x}
            guardrails:
              - {id: codename, pattern: '(?i)bluebird', action: mask, mask: label}
              - {id: pii, action: mask, mask: hash}
            """.getBytes(StandardCharsets.UTF_8)).topology();

    private static GuardrailSpec toggled(String id, Action action) {
        Topology t = ScenarioSteps.withGuardrailAction(TOPOLOGY, new Scenario.Toggle(id, action));
        return t.guardrails().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCustomGuardrailKeepsItsPatternAndMaskStyle() {
        GuardrailSpec g = toggled("codename", Action.BLOCK);
        assertThat(g.action()).isEqualTo(Action.BLOCK);
        assertThat(g.pattern()).isEqualTo("(?i)bluebird");
        assertThat(g.mask()).isEqualTo(Mask.LABEL);
    }

    @Test
    void aTunedBuiltinKeepsItsMaskStyleAndAnUntunedOneGetsTheDefault() {
        assertThat(toggled("pii", Action.BLOCK).mask()).isEqualTo(Mask.HASH);
        GuardrailSpec secrets = toggled("secrets", Action.MASK);
        assertThat(secrets.isCustom()).isFalse();
        assertThat(secrets.mask()).isEqualTo(Mask.PARTIAL);
        assertThat(secrets.action()).isEqualTo(Action.MASK);
    }
}
