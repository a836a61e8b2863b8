package dev.airlock.core.guard;

import dev.airlock.core.plugin.Extension;

import java.time.Duration;
import java.util.List;

/**
 * SPI for heavier detectors (a model-based guard, a remote classifier), found with {@link java.util.ServiceLoader}
 * under {@code META-INF/services/dev.airlock.core.guard.GuardDetector}. A topology turns one on by listing its
 * {@link #id()} among a pipe's guardrails. The gate runs it with {@link #timeout()}; an exception or a timeout
 * blocks the message unless {@link #failClosed()} is false.
 */
public interface GuardDetector extends Extension {

    /** The guardrail id topologies use. */
    String id();

    @Override
    default String describe() {
        return "guardrail " + id();
    }

    /**
     * Inspects one text. {@code canonical} is the text after Unicode folding; offsets refer to {@code raw}.
     * Must be thread-safe: the gate calls it from many connections at once.
     */
    List<Hit> inspect(String raw, String canonical) throws Exception;

    default Duration timeout() {
        return Duration.ofMillis(500);
    }

    default boolean failClosed() {
        return true;
    }

    /** One hit of a detector; start/end are raw offsets or -1 when the hit is about the whole text. */
    record Hit(String rule, int start, int end) {
    }
}
