package dev.airlock.desktop.model;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The EXFIL RISK badge counts an http.fetch with an open allowlist as a way out, as validation does. */
class RiskHintsTest {

    private static Topology researcherWith(String webAllow) {
        String yaml = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - {id: web, type: http.fetch, allow: %s, traits: [untrusted-content]}
                  - {id: notes, type: files, traits: [private-data]}
                agents:
                  - {id: researcher, image: i, tools: [web, notes]}
                """.formatted(webAllow);
        LoadResult r = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    @Test
    void anOpenAllowlistIsTheWayOut() {
        Topology t = researcherWith("[docs.example]");

        assertThat(RiskHints.exfiltration(t, t.agent("researcher").orElseThrow()))
                .hasValueSatisfying(text -> assertThat(text).contains("can send data out (via web)"));
    }

    @Test
    void aLimitedAllowlistIsNot() {
        Topology t = researcherWith("[{host: docs.example, paths: [/guide/**], query: none}]");

        assertThat(RiskHints.exfiltration(t, t.agent("researcher").orElseThrow())).isEmpty();
    }
}
