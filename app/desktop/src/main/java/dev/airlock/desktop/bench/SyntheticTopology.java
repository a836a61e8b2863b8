package dev.airlock.desktop.bench;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid topology of a given size shaped like real ones: chains of agents hanging off the user, each with a tool
 * and a model in scope. No layout, so opening it includes laying it out.
 */
public final class SyntheticTopology {

    private SyntheticTopology() {
    }

    /** {@code elements} counts nodes: the user, agents (half), tools (a third) and models (the rest). */
    public static Topology of(int elements) {
        int agents = Math.max(1, elements / 2);
        int tools = Math.max(1, elements / 3);
        int models = Math.max(1, elements - 1 - agents - tools);
        List<ModelSpec> ms = new ArrayList<>();
        for (int i = 0; i < models; i++) {
            ms.add(ModelSpec.scripted("model-" + i));
        }
        List<ToolSpec> ts = new ArrayList<>();
        for (int i = 0; i < tools; i++) {
            ts.add(ToolSpec.of("tool-" + i, ToolType.FILES));
        }
        List<AgentSpec> as = new ArrayList<>();
        List<PipeSpec> ps = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String id = "agent-" + i;
            as.add(AgentSpec.named(id).withModels(List.of("model-" + i % models)).withTools(List.of("tool-" + i % tools)));
            ps.add(PipeSpec.between(i % 5 == 0 ? "user" : "agent-" + (i - 1), id));
        }
        return Topology.empty("synthetic-" + elements).withModels(ms).withTools(ts).withAgents(as).withPipes(ps);
    }
}
