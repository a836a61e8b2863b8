package dev.airlock.gate.guard;

import dev.airlock.core.topology.GuardrailSpec.Action;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Detector plugins are found with ServiceLoader, run only where a topology names them, and fail closed. */
class DetectorPluginTest {

    final Guardrails guardrails = Guardrails.forTopology(Topology.empty("t"));

    @Test
    void pluginOnTheClassPathIsFoundAndBlocksByDefault() {
        assertThat(guardrails.knows("test-codename")).isTrue();
        Scan scan = guardrails.scan("status of ｍｏｏｎｓｈｏｔ", List.of("test-codename"));
        assertThat(scan.action()).isEqualTo(Action.BLOCK);
        assertThat(scan.deciding().rule()).isEqualTo("test-codename.codename");
        assertThat(guardrails.scan("status of moonshot", List.of("pii")).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void aFailingPluginFailsClosed() {
        Scan scan = guardrails.scan("please crash the detector", List.of("test-codename"));
        assertThat(scan.action()).isEqualTo(Action.BLOCK);
        assertThat(scan.deciding().rule()).isEqualTo("test-codename.unavailable");
    }

    @Test
    void anUnknownGuardrailFailsClosed() {
        Scan scan = guardrails.scan("anything", List.of("no-such-guard"));
        assertThat(scan.action()).isEqualTo(Action.BLOCK);
        assertThat(scan.deciding().rule()).isEqualTo("guardrail.unknown");
    }
}
