package dev.airlock.core.validation;

import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.model.ModelBackends;
import dev.airlock.core.tool.Tools;
import dev.airlock.core.topology.ToolType;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a topology may refer to beyond its own elements: model backends, tool types and guardrails. Plugins
 * add to it; the validator only needs the names, so every caller (validate, run, the workbench) judges a file by
 * the same {@link #installed()} catalog.
 */
public record Catalog(Set<String> backends, Set<ToolType> toolTypes, Set<String> guardrails) {

    public static final Set<String> BUILTIN_GUARDRAILS = Set.of("pii", "secrets", "sql-injection", "prompt-injection");

    /** What Airlock itself ships, for tests that must not depend on the class path. */
    public static final Catalog BUILTIN = new Catalog(Set.of("scripted", "openai", "ollama"),
            EnumSet.allOf(ToolType.class), BUILTIN_GUARDRAILS);

    public Catalog {
        backends = Set.copyOf(backends);
        toolTypes = toolTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(toolTypes));
        guardrails = Set.copyOf(guardrails);
    }

    /** The backends, tool types and guardrail detectors bundled or installed as plugins, plus the built-in guardrails. */
    public static Catalog installed() {
        Tools tools = Tools.installed();
        Set<ToolType> types = EnumSet.noneOf(ToolType.class);
        for (ToolType t : ToolType.values()) {
            tools.provider(t).ifPresent(p -> types.add(t));
        }
        Set<String> guardrails = new TreeSet<>(BUILTIN_GUARDRAILS);
        Plugins.installed().providers(GuardDetector.class).forEach(d -> guardrails.add(d.id()));
        return new Catalog(ModelBackends.installed().names(), types, guardrails);
    }
}
