package dev.airlock.core.validation;

import dev.airlock.core.problem.Problem;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An http.fetch whose allowlist leaves the URL open after the host can send data out, even when no tool is marked
 * {@code external-send}: {@code https://docs.example/?ref=<private data>} is a message to that host.
 */
class FetchSendChannelTest {

    /** Reads untrusted pages through web, holds private notes; no tool declares a way out. */
    private static List<Problem> risks(String webAllow) {
        String yaml = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - id: web
                    type: http.fetch
                    allow: %s
                    traits: [untrusted-content]
                  - {id: notes, type: files, traits: [private-data]}
                agents:
                  - {id: researcher, image: i, tools: [web, notes]}
                  - {id: reader, image: i, tools: [web]}
                """.formatted(webAllow);
        LoadResult r = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("form problems").isEmpty();
        return new TopologyValidator(Catalog.BUILTIN).validate(r.topology(), r.sources()).stream()
                .filter(p -> p.risk() == TopologyRisk.EXFILTRATION).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[docs.example]",
            "[{host: docs.example}]",
            "[{host: docs.example, paths: [/guide/**]}]",
            "[{host: docs.example, query: none}]",
            "[{host: docs.example, paths: [/guide/**], query: any}]",
            "[{host: '*.docs.example', paths: [/guide/**], query: none}]",
            "[{host: docs.example, paths: [/guide/**], query: none}, other.example]",
    })
    void anOpenEntryMakesFetchASendingToolAndTheAgentAnExfiltrationRisk(String allow) {
        assertThat(risks(allow)).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("agent:researcher");
            assertThat(p.location().line()).isEqualTo(11);
            assertThat(p.hint()).contains("web can send through any URL on its allowlisted hosts");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{host: docs.example, paths: [/guide/**], query: none}]",
            "[{host: docs.example, paths: [/guide/*.html, /], query: [lang]}]",
    })
    void anAllowlistThatLimitsPathAndQueryIsNoSendChannel(String allow) {
        assertThat(risks(allow)).isEmpty();
    }

    @Test
    void theHintExplainsAFetchToolOnlyWhenItIsNotDeclaredAsSending() {
        // Declared external-send is the long-standing case: the usual hint says all there is to say.
        String yaml = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - {id: web, type: http.fetch, allow: [docs.example], traits: [untrusted-content, external-send]}
                  - {id: notes, type: files, traits: [private-data]}
                agents:
                  - {id: researcher, image: i, tools: [web, notes]}
                """;
        LoadResult r = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(new TopologyValidator(Catalog.BUILTIN).validate(r.topology(), r.sources()))
                .singleElement().satisfies(p -> assertThat(p.hint()).doesNotContain("allowlisted hosts"));
    }
}
