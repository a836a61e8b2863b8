package dev.airlock.run;

import dev.airlock.core.event.SandboxOutput;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.GuardrailSpec.Action;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Scan;

import java.util.List;

/**
 * Masks personal data and secrets in what agents print before it becomes an event. Output is no pathway (the gate
 * never relays it), but event files get shared and attached to bug reports; a key an agent logs must not ride
 * along. The workbench masks the payloads it shows the same way until someone asks to see them.
 */
public final class OutputRedaction {

    private static final List<String> GUARDS = List.of("pii", "secrets");
    private static final Guardrails MASKING = Guardrails.create(List.of(
            new GuardrailSpec("pii", "mask in agent output", null, Action.MASK),
            new GuardrailSpec("secrets", "mask in agent output", null, Action.MASK)), List.of());

    private OutputRedaction() {
    }

    static SandboxOutput redact(SandboxOutput o) {
        Scan scan = MASKING.scan(o.line(), GUARDS);
        if (scan.findings().isEmpty()) {
            return o;
        }
        return new SandboxOutput(o.monotonicNanos(), o.wallMillis(), o.runId(), o.agentId(), o.stderr(), scan.text());
    }

    /** {@code text} with personal data and secrets masked; the same text when there is none. */
    public static String mask(String text) {
        Scan scan = MASKING.scan(text, GUARDS);
        return scan.findings().isEmpty() ? text : scan.text();
    }
}
