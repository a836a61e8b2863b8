package dev.airlock.plugins.threatmodel;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.validation.ExfiltrationPath;
import dev.airlock.core.validation.ExfiltrationPaths;
import dev.airlock.core.validation.ExfiltrationRisk;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What each agent is exposed to, computed once from core's risk analysis: its traits (through its tool scope), which
 * agents can pass it a prompt injection, and the exfiltration paths. The rules read this instead of the topology's
 * raw fields, so they agree with {@code validate} and the desktop's badges.
 */
final class Exposure {

    final Topology topology;
    final List<ExfiltrationPath> paths;
    private final Map<String, Map<ToolTrait, SortedSet<String>>> traits = new LinkedHashMap<>();
    private final Set<String> tainted = new LinkedHashSet<>();

    Exposure(Topology t) {
        this.topology = t;
        this.paths = ExfiltrationPaths.find(t);
        for (AgentSpec a : t.agents()) {
            traits.put(a.id(), ExfiltrationRisk.traits(t, a));
        }
        for (AgentSpec a : t.agents()) {
            if (readsUntrusted(a.id()) || ExfiltrationPaths.upstreamOf(t, a.id()).stream().anyMatch(this::readsUntrusted)) {
                tainted.add(a.id());
            }
        }
    }

    SortedSet<String> via(String agent, ToolTrait trait) {
        Map<ToolTrait, SortedSet<String>> of = traits.get(agent);
        return of == null ? new TreeSet<>() : of.getOrDefault(trait, new TreeSet<>());
    }

    boolean readsUntrusted(String agent) {
        return !via(agent, ToolTrait.UNTRUSTED_CONTENT).isEmpty();
    }

    /** Whether a prompt injection can reach this agent: it reads untrusted content, or hears from one that does. */
    boolean tainted(String party) {
        return tainted.contains(party);
    }

    /** The pipe that carries a message from one party to another, if any. */
    Optional<PipeSpec> pipe(String from, String to) {
        return topology.pipes().stream()
                .filter(p -> (p.from().equals(from) && p.to().equals(to))
                        || (p.direction() == PipeSpec.Direction.BOTH && p.from().equals(to) && p.to().equals(from)))
                .findFirst();
    }

    List<String> guardrails(PipeSpec p) {
        return p.effectiveGuardrails(topology.defaults());
    }
}
