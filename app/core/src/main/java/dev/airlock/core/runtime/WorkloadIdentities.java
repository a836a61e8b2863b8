package dev.airlock.core.runtime;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Topology;

import java.util.List;

/**
 * The fixed uid:gid of each agent and of the gate when they run as separate workloads (Compose, a headless gate),
 * where the gate cannot hand out ids at launch as {@code airlock run} does: the export writes them into the
 * project and the gate derives the same ones from the same topology. A numeric {@code sandbox.user} wins; otherwise
 * the agent's position in the topology picks an id from a high range no distribution assigns (below the range
 * {@code airlock run} allocates from, so the two never meet).
 */
public final class WorkloadIdentities {

    /** The gate's own uid:gid in its image and its workload. */
    public static final AgentIdentity GATE = new AgentIdentity(1_770_000_000, 1_770_000_000);

    private WorkloadIdentities() {
    }

    /** The agent's identity, or an IllegalArgumentException when the topology has no such agent. */
    public static AgentIdentity of(Topology topology, String agentId) {
        List<AgentSpec> agents = topology.agents();
        for (int i = 0; i < agents.size(); i++) {
            AgentSpec a = agents.get(i);
            if (a.id().equals(agentId)) {
                return AgentIdentity.parse(a.sandbox().user())
                        .orElse(new AgentIdentity(GATE.uid() + 1 + i, GATE.gid() + 1 + i));
            }
        }
        throw new IllegalArgumentException("no agent " + agentId + " in topology " + topology.name());
    }
}
