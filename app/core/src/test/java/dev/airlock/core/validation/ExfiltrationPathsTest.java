package dev.airlock.core.validation;

import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.LoadResult;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Paths from untrusted content through private data to a way out, followed across pipes. */
class ExfiltrationPathsTest {

    private static Topology parse(String body) {
        String yaml = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - {id: web, type: http.fetch, allow: [{host: docs.example, paths: [/a], query: none}], traits: [untrusted-content]}
                  - {id: notes, type: files, traits: [private-data]}
                  - {id: mail, type: files, traits: [external-send]}
                """ + body;
        LoadResult r = TopologyReader.parse("t.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as("form problems").isEmpty();
        return r.topology();
    }

    @Test
    void theResearchAssistantLeaksThroughThePlannerAndTheWriter() {
        Topology t = TopologyReader.read(Path.of("../../samples/research-assistant/research-assistant.yaml")).topology();
        assertThat(ExfiltrationPaths.find(t)).singleElement().satisfies(p -> {
            assertThat(p.describe()).isEqualTo("web → researcher → planner (reads notes) → researcher → writer → mailer");
            assertThat(p.elements()).containsExactly("web", "researcher", "planner", "researcher", "writer", "mailer");
        });
    }

    @Test
    void oneAgentWithAllThreeIsAPathOfOneAgentAsTheValidatorSays() {
        Topology t = parse("""
                agents:
                  - {id: all, image: i, tools: [web, notes, mail]}
                """);
        assertThat(ExfiltrationPaths.find(t)).singleElement()
                .extracting(ExfiltrationPath::describe).isEqualTo("web → all (reads notes) → mail");
        assertThat(ExfiltrationRisk.combinesAll(t, t.agents().getFirst())).isTrue();
    }

    @Test
    void aPipeTheWrongWayOrAMissingOneCutsThePath() {
        assertThat(ExfiltrationPaths.find(parse("""
                agents:
                  - {id: reader, image: i, tools: [web]}
                  - {id: holder, image: i, tools: [notes]}
                  - {id: sender, image: i, tools: [mail]}
                pipes:
                  - {from: holder, to: reader}
                  - {from: holder, to: sender}
                """))).as("the injection cannot reach the holder").isEmpty();
        assertThat(ExfiltrationPaths.find(parse("""
                agents:
                  - {id: reader, image: i, tools: [web]}
                  - {id: holder, image: i, tools: [notes]}
                  - {id: sender, image: i, tools: [mail]}
                pipes:
                  - {from: reader, to: holder}
                  - {from: holder, to: sender}
                """))).singleElement().extracting(ExfiltrationPath::describe)
                .isEqualTo("web → reader → holder (reads notes) → sender → mail");
    }

    @Test
    void theUserIsNotARelay() {
        assertThat(ExfiltrationPaths.find(parse("""
                user: {id: u}
                agents:
                  - {id: reader, image: i, tools: [web, notes]}
                  - {id: sender, image: i, tools: [mail]}
                pipes:
                  - {from: reader, to: u}
                  - {from: u, to: sender}
                """))).isEmpty();
    }

    @Test
    void everySourceHolderAndSinkIsNamed() {
        List<ExfiltrationPath> paths = ExfiltrationPaths.find(parse("""
                agents:
                  - {id: a, image: i, tools: [web, notes]}
                  - {id: b, image: i, tools: [mail]}
                pipes:
                  - {from: a, to: b, direction: both}
                """));
        assertThat(paths).extracting(ExfiltrationPath::describe)
                .containsExactly("web → a (reads notes) → b → mail");
    }

    @Test
    void upstreamFollowsPipesBothWaysWhenDeclaredSo() {
        Topology t = TopologyReader.read(Path.of("../../samples/research-assistant/research-assistant.yaml")).topology();
        assertThat(ExfiltrationPaths.upstreamOf(t, "planner")).containsExactly("researcher");
        assertThat(ExfiltrationPaths.upstreamOf(t, "writer")).containsExactly("planner", "researcher");
        assertThat(ExfiltrationPaths.upstreamOf(t, "researcher")).containsExactly("planner");
    }
}
