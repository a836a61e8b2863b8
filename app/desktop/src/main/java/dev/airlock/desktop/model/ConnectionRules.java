package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.Topology;

import java.util.List;

/**
 * What dragging from one element to another means, decided before the mouse is released so the canvas can refuse
 * with a reason while the user is still dragging. Agents and the user are joined by pipes; an agent dragged to a
 * tool or model gets it in scope. Everything else would be a pathway the gate cannot enforce.
 */
public final class ConnectionRules {

    private ConnectionRules() {
    }

    /** The outcome of a proposed connection: a description of the edit, or the reason it is refused. */
    public record Verdict(boolean allowed, String text, Topology result) {
        static Verdict refuse(String reason) {
            return new Verdict(false, reason, null);
        }
    }

    public static Verdict check(Topology t, String fromId, String toId) {
        ElementKind from = TopologyOps.kindOf(t, fromId).orElse(null);
        ElementKind to = TopologyOps.kindOf(t, toId).orElse(null);
        if (from == null || to == null) {
            return Verdict.refuse("unknown element");
        }
        if (fromId.equals(toId)) {
            return Verdict.refuse("an element cannot connect to itself");
        }
        if (from.isParty() && to.isParty()) {
            return pipe(t, fromId, toId);
        }
        if (from == ElementKind.AGENT) {
            return scope(t, fromId, toId, to);
        }
        if (to == ElementKind.AGENT) {
            return scope(t, toId, fromId, from);
        }
        if (from == ElementKind.USER || to == ElementKind.USER) {
            return Verdict.refuse("the user reaches tools and models only through an agent");
        }
        return Verdict.refuse("tools and models connect only to agents; a " + from.label().toLowerCase()
                + " cannot reach a " + to.label().toLowerCase());
    }

    private static Verdict pipe(Topology t, String from, String to) {
        for (PipeSpec p : t.pipes()) {
            if (p.connects(from, to)) {
                return Verdict.refuse("'" + from + "' and '" + to + "' already share a pipe; set its direction to both for replies");
            }
        }
        return new Verdict(true, "pipe " + from + " → " + to,
                t.withPipes(TopologyOps.append(t.pipes(), PipeSpec.between(from, to))));
    }

    private static Verdict scope(Topology t, String agentId, String targetId, ElementKind target) {
        AgentSpec agent = t.agent(agentId).orElseThrow();
        boolean model = target == ElementKind.MODEL;
        List<String> scope = model ? agent.models() : agent.tools();
        if (scope.stream().flatMap(e -> Scope.tryParse(e).stream()).anyMatch(e -> e.toolId().equals(targetId))) {
            return Verdict.refuse("'" + agentId + "' already has '" + targetId + "' in scope");
        }
        List<String> grown = TopologyOps.append(scope, targetId);
        AgentSpec changed = model ? agent.withModels(grown) : agent.withTools(grown);
        return new Verdict(true, "give " + agentId + " the " + target.label().toLowerCase() + " " + targetId,
                TopologyOps.replaceAgent(t, agentId, a -> changed));
    }
}
