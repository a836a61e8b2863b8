package dev.airlock.core.validation;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.Topology;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an agent's tool scope exposes it to, trait by trait with the tools that bring each. The one place that
 * reads traits through scopes: the validator's EXFIL RISK, the desktop's badge and the threat model's paths all
 * start here, so they cannot disagree about which agent reads untrusted content, holds private data or can send.
 */
public final class ExfiltrationRisk {

    private ExfiltrationRisk() {
    }

    /** Each trait the agent's tools bring, with those tools' ids, sorted; a trait no tool brings is absent. */
    public static Map<ToolTrait, SortedSet<String>> traits(Topology t, AgentSpec a) {
        Map<ToolTrait, SortedSet<String>> via = new EnumMap<>(ToolTrait.class);
        for (String entry : a.tools()) {
            Scope.tryParse(entry).flatMap(scope -> t.tool(scope.toolId())).ifPresent(tool -> tool.effectiveTraits()
                    .forEach(trait -> via.computeIfAbsent(trait, k -> new TreeSet<>()).add(tool.id())));
        }
        return Collections.unmodifiableMap(via);
    }

    /** Whether one agent combines all three traits: the classic exfiltration risk inside a single compartment. */
    public static boolean combinesAll(Topology t, AgentSpec a) {
        return traits(t, a).size() == ToolTrait.values().length;
    }
}
