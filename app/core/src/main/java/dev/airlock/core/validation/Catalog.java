package dev.airlock.core.validation;

import java.util.Set;
import java.util.TreeSet;

/**
 * The names a topology may refer to beyond its own elements: model backends and guardrail detectors. Plugins add
 * to it; the validator only needs the names.
 */
public record Catalog(Set<String> backends, Set<String> guardrails) {

    public static final Set<String> BUILTIN_GUARDRAILS = Set.of("pii", "secrets", "sql-injection", "prompt-injection");

    /** What Airlock itself ships. */
    public static final Catalog BUILTIN = new Catalog(Set.of("scripted", "openai", "ollama"), BUILTIN_GUARDRAILS);

    public Catalog {
        backends = Set.copyOf(backends);
        guardrails = Set.copyOf(guardrails);
    }

    public Catalog plus(Catalog other) {
        Set<String> b = new TreeSet<>(backends);
        b.addAll(other.backends);
        Set<String> g = new TreeSet<>(guardrails);
        g.addAll(other.guardrails);
        return new Catalog(b, g);
    }
}
