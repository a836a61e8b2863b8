package dev.airlock.core.topology;

import java.util.List;

/** Values every agent and pipe starts from. The built-in values are the hardened ones. */
public record Defaults(Resources resources, Rate rate, ByteSize maxFrame, List<String> guardrails) {

    public static final Defaults HARDENED = new Defaults(
            Resources.DEFAULT, Rate.DEFAULT, ByteSize.ofMebibytes(1), List.of("pii", "secrets"));

    public Defaults {
        guardrails = List.copyOf(guardrails);
    }
}
