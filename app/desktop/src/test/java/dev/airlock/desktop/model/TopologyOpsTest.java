package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import dev.airlock.core.validation.Catalog;
import dev.airlock.core.validation.TopologyValidator;
import dev.airlock.core.topology.io.SourceMap;
import dev.airlock.desktop.bench.SyntheticTopology;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TopologyOpsTest {

    private static final Path SAMPLE = Path.of("../../samples/research-assistant/research-assistant.yaml");

    private static Topology sample() {
        return TopologyReader.read(SAMPLE).topology();
    }

    @Test
    void renameFollowsEveryReference() {
        Topology t = TopologyOps.rename(sample(), "mailer", "outbox");
        assertThat(t.agent("writer").orElseThrow().tools()).containsExactly("outbox/send_email");
        assertThat(t.layout()).containsKey("outbox").doesNotContainKey("mailer");
        t = TopologyOps.rename(t, "planner", "lead");
        assertThat(t.pipes()).extracting(PipeSpec::id).contains("alice<->lead", "lead<->researcher");
        assertThat(new TopologyValidator(Catalog.BUILTIN).validate(t, SourceMap.none("x"))).isEmpty();
    }

    @Test
    void removingAToolTakesItOutOfEveryScopeAndRemovingAnAgentTakesItsPipes() {
        Topology t = TopologyOps.remove(sample(), List.of("tool:web", "agent:writer"));
        assertThat(t.agent("researcher").orElseThrow().tools()).isEmpty();
        assertThat(t.pipes()).extracting(PipeSpec::id).containsExactly("alice<->planner", "planner<->researcher");
        assertThat(t.layout()).doesNotContainKeys("web", "writer");
        assertThat(new TopologyValidator(Catalog.BUILTIN).validate(t, SourceMap.none("x"))).isEmpty();
    }

    @Test
    void removingAScopeEdgeOrAPipeLeavesTheNodes() {
        Topology t = TopologyOps.remove(sample(), List.of(Keys.scope("researcher", "web"), "pipe:researcher->writer"));
        assertThat(t.agent("researcher").orElseThrow().tools()).isEmpty();
        assertThat(t.tool("web")).isPresent();
        assertThat(t.pipes()).hasSize(3);
    }

    @Test
    void freshIdsNeverCollide() {
        Topology t = TopologyOps.add(Topology.empty("t"), ElementKind.AGENT, "agent-1", new Position(0, 0));
        assertThat(TopologyOps.freshId(t, "agent")).isEqualTo("agent-2");
    }

    @Test
    void autoLayoutPlacesEveryElementOnItsOwnSpot() {
        Topology t = SyntheticTopology.of(200);
        Map<String, Position> layout = AutoLayout.layout(t, false);
        assertThat(layout.keySet()).containsExactlyInAnyOrderElementsOf(t.elementIds().toList());
        assertThat(Set.copyOf(layout.values())).hasSize(layout.size());
        // The user is left of every agent, and agents are left of the tools they use.
        double userX = layout.get("user").x();
        for (AgentSpec a : t.agents()) {
            assertThat(layout.get(a.id()).x()).isGreaterThan(userX);
            assertThat(layout.get(a.tools().get(0)).x()).isGreaterThan(layout.get(a.id()).x());
        }
    }

    @Test
    void canvasModelPutsTheValidatorsProblemsOnNodesAndExplainsExfiltration() {
        Topology t = sample();
        AgentSpec writer = t.agent("writer").orElseThrow();
        Topology risky = TopologyOps.replaceAgent(t, "writer", a -> a.withTools(List.of("web", "notes", "mailer")));
        var problems = new TopologyValidator(Catalog.BUILTIN).validate(risky, SourceMap.none("x"));
        CanvasModel cm = CanvasModel.of(risky, problems);
        CanvasModel.Node node = cm.nodes().get("agent:writer");
        assertThat(node.severity()).isEqualTo(dev.airlock.core.problem.Severity.RISK);
        assertThat(node.badges().get(CanvasModel.Badge.EXFILTRATION))
                .contains("via web").contains("via notes").contains("via mailer");
        assertThat(CanvasModel.of(t, List.of()).nodes().get("agent:writer").badges()).isEmpty();
        assertThat(writer.tools()).containsExactly("mailer/send_email");
    }
}
