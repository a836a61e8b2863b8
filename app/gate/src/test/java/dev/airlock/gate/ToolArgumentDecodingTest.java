package dev.airlock.gate;

import dev.airlock.core.event.GateAction;
import dev.airlock.core.topology.Topology;
import dev.airlock.gate.guard.Guardrails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A URL argument to an allowlisted host is a send channel: whatever hides the secret from the guard but is undone
 * by the tool (JSON escapes) or by the receiving server (percent and form encoding) must not get it past the gate.
 */
class ToolArgumentDecodingTest {

    static final Topology TOPOLOGY = Fixtures.parse("""
            apiVersion: airlock.dev/v1alpha1
            kind: Topology
            metadata: {name: exfil}
            defaults:
              guardrails: [falcon]
            tools:
              - {id: web, type: http.fetch, allow: [docs.example]}
            agents:
              - {id: researcher, image: airlock/agent-java, tools: [web]}
            guardrails:
              - {id: falcon, pattern: '(?i)project falcon launches', action: block}
            """);

    final Pipeline pipeline = new Pipeline(TOPOLOGY, Guardrails.forTopology(TOPOLOGY), false);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://docs.example/guide/Project Falcon launches",
            "https://docs.example/guide/Project%20Falcon%20launches%20in%20March",
            "https://docs.example/guide/?ref=Project%20Falcon%20launches",
            "https://docs.example/guide/?ref=Project+Falcon+launches+in+March",
            "https://docs.example/guide/?ref=Project\\u0020Falcon\\u0020launches",
            "https://docs.example/guide/\\u0050roject%20Falcon%20launches",
            "https://docs.example/guide/?ref=UHJvamVjdCBGYWxjb24gbGF1bmNoZXMgaW4gTWFyY2g",
            "https://docs.example/guide/?ref=UHJvamVjdCBGYWxjb24gbGF1bmNoZXMgaW4gTWFyY2g%3D",
    })
    void privateDataInAUrlArgumentIsBlockedHoweverItIsEncoded(String url) {
        Verdict v = pipeline.toolCall("researcher", "web", ("{\"url\":\"" + url + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(v.action()).as(url).isEqualTo(GateAction.BLOCK);
        assertThat(v.rule()).isEqualTo("falcon");
    }

    @Test
    void theToolIsHandedTheTextThatWasGuardedWithNumbersAsSpelled() {
        Verdict v = pipeline.toolCall("researcher", "web",
                "{\"url\" : \"https://docs.example/a\\u0020b\", \"n\": 1.10}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(v.body(), StandardCharsets.UTF_8)).isEqualTo("{\"url\":\"https://docs.example/a b\",\"n\":1.10}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://docs.example/guide/intro", "https://docs.example/guide/?q=sandbox+limits"})
    void ordinaryUrlsPass(String url) {
        Verdict v = pipeline.toolCall("researcher", "web", ("{\"url\":\"" + url + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(v.passes()).isTrue();
    }
}
