package dev.airlock.core.validation;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds every {@link ExfiltrationPath} of a topology: the exfiltration risk of {@link ExfiltrationRisk} followed
 * across agents. Decomposition splits the three traits over several compartments, which removes the risk only if no
 * chain of pipes joins them again; this names each chain that does, shortest first between each pair of agents.
 *
 * <p>Messages may carry any text whatever their declared kind, so kinds do not cut a path; the user is not a relay
 * (a person reads what passes). Guardrails and approvals on the way do not cut a path either: they are mitigations,
 * which the threat model weighs step by step.
 */
public final class ExfiltrationPaths {

    private ExfiltrationPaths() {
    }

    public static List<ExfiltrationPath> find(Topology t) {
        Map<String, Map<ToolTrait, SortedSet<String>>> traits = new LinkedHashMap<>();
        for (AgentSpec a : t.agents()) {
            traits.put(a.id(), ExfiltrationRisk.traits(t, a));
        }
        Map<String, Set<String>> next = graph(t, traits.keySet());
        List<ExfiltrationPath> paths = new ArrayList<>();
        for (String reader : traits.keySet()) {
            for (String source : via(traits, reader, ToolTrait.UNTRUSTED_CONTENT)) {
                for (String holder : traits.keySet()) {
                    Optional<List<String>> injection = shortest(next, reader, holder);
                    for (String data : injection.isEmpty() ? Set.<String>of() : via(traits, holder, ToolTrait.PRIVATE_DATA)) {
                        for (String sender : traits.keySet()) {
                            Optional<List<String>> leak = shortest(next, holder, sender);
                            for (String sink : leak.isEmpty() ? Set.<String>of() : via(traits, sender, ToolTrait.EXTERNAL_SEND)) {
                                paths.add(new ExfiltrationPath(source, injection.get(), data, leak.get(), sink));
                            }
                        }
                    }
                }
            }
        }
        return paths;
    }

    /**
     * Every agent whose messages can reach {@code agent}'s inbox along pipes, directly or through other agents:
     * whom a prompt injection read by one of them can reach in the end. The agent itself is not included.
     */
    public static Set<String> upstreamOf(Topology t, String agent) {
        Set<String> agents = new LinkedHashSet<>();
        t.agents().forEach(a -> agents.add(a.id()));
        Map<String, Set<String>> next = graph(t, agents);
        Set<String> upstream = new LinkedHashSet<>();
        for (String other : agents) {
            if (!other.equals(agent) && shortest(next, other, agent).isPresent()) {
                upstream.add(other);
            }
        }
        return upstream;
    }

    private static SortedSet<String> via(Map<String, Map<ToolTrait, SortedSet<String>>> traits, String agent, ToolTrait trait) {
        return traits.get(agent).getOrDefault(trait, new TreeSet<>());
    }

    /** Who each agent can send to, in the order the pipes are declared, so that ties break the same way every time. */
    private static Map<String, Set<String>> graph(Topology t, Set<String> agents) {
        Map<String, Set<String>> next = new HashMap<>();
        agents.forEach(a -> next.put(a, new LinkedHashSet<>()));
        for (PipeSpec p : t.pipes()) {
            if (agents.contains(p.from()) && agents.contains(p.to())) {
                next.get(p.from()).add(p.to());
                if (p.direction() == PipeSpec.Direction.BOTH) {
                    next.get(p.to()).add(p.from());
                }
            }
        }
        return next;
    }

    /** Breadth-first: the shortest chain of agents from one to the other, both included; itself when they are one. */
    private static Optional<List<String>> shortest(Map<String, Set<String>> next, String from, String to) {
        Map<String, String> cameFrom = new HashMap<>();
        cameFrom.put(from, from);
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            if (at.equals(to)) {
                List<String> chain = new ArrayList<>();
                for (String step = to; !step.equals(from); step = cameFrom.get(step)) {
                    chain.addFirst(step);
                }
                chain.addFirst(from);
                return Optional.of(chain);
            }
            for (String n : next.get(at)) {
                if (cameFrom.putIfAbsent(n, at) == null) {
                    queue.addLast(n);
                }
            }
        }
        return Optional.empty();
    }
}
