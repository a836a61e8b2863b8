package dev.airlock.desktop.model;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.validation.ExfiltrationRisk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Explains risks in terms of the drawing. The validator says that an agent combines untrusted content, private data
 * and a way out; this names the tools that bring each of the three, so the user sees which edge to cut.
 */
public final class RiskHints {

    private RiskHints() {
    }

    public static Optional<String> exfiltration(Topology t, AgentSpec a) {
        Map<ToolTrait, SortedSet<String>> via = ExfiltrationRisk.traits(t, a);
        if (!ExfiltrationRisk.combinesAll(t, a)) {
            return Optional.empty();
        }
        return Optional.of("Exfiltration risk: '" + a.id() + "' reads untrusted content (via "
                + String.join(", ", via.get(ToolTrait.UNTRUSTED_CONTENT)) + "), holds private data (via "
                + String.join(", ", via.get(ToolTrait.PRIVATE_DATA)) + ") and can send data out (via "
                + String.join(", ", via.get(ToolTrait.EXTERNAL_SEND)) + "). A prompt injection in the content "
                + "could make it leak the data. Split it into narrower agents joined by guarded pipes.");
    }

    public static List<SandboxRisk> sandbox(AgentSpec a) {
        return a.sandbox().risks();
    }
}
