package dev.airlock.core.topology;

import java.util.List;

/**
 * A declared pathway between two parties (agents or the user). Messages flow {@code from → to}, and back too when
 * the direction is {@link Direction#BOTH}; only the listed message kinds pass. Null {@code guardrails},
 * {@code rate} and {@code maxFrame} mean the topology's defaults.
 */
public record PipeSpec(
        String from,
        String to,
        Direction direction,
        List<String> kinds,
        List<String> guardrails,
        Rate rate,
        ByteSize maxFrame) {

    public static final List<String> DEFAULT_KINDS = List.of("message");
    public static final String ANY_KIND = "*";

    public PipeSpec {
        direction = direction == null ? Direction.FORWARD : direction;
        kinds = kinds == null || kinds.isEmpty() ? DEFAULT_KINDS : List.copyOf(kinds);
        guardrails = guardrails == null ? null : List.copyOf(guardrails);
    }

    public static PipeSpec between(String from, String to) {
        return new PipeSpec(from, to, Direction.FORWARD, DEFAULT_KINDS, null, null, null);
    }

    /** A stable name for messages and the live view. */
    public String id() {
        return from + (direction == Direction.BOTH ? "<->" : "->") + to;
    }

    public boolean connects(String a, String b) {
        return (from.equals(a) && to.equals(b)) || (from.equals(b) && to.equals(a));
    }

    public boolean allows(String sender, String receiver, String kind) {
        boolean forward = from.equals(sender) && to.equals(receiver);
        boolean backward = direction == Direction.BOTH && from.equals(receiver) && to.equals(sender);
        return (forward || backward) && (kinds.contains(ANY_KIND) || kinds.contains(kind));
    }

    public List<String> effectiveGuardrails(Defaults defaults) {
        return guardrails != null ? guardrails : defaults.guardrails();
    }

    public Rate effectiveRate(Defaults defaults) {
        return rate != null ? rate : defaults.rate();
    }

    public ByteSize effectiveMaxFrame(Defaults defaults) {
        return maxFrame != null ? maxFrame : defaults.maxFrame();
    }

    public PipeSpec withDirection(Direction direction) {
        return new PipeSpec(from, to, direction, kinds, guardrails, rate, maxFrame);
    }

    public PipeSpec withKinds(List<String> kinds) {
        return new PipeSpec(from, to, direction, kinds, guardrails, rate, maxFrame);
    }

    public PipeSpec withGuardrails(List<String> guardrails) {
        return new PipeSpec(from, to, direction, kinds, guardrails, rate, maxFrame);
    }

    public PipeSpec withRate(Rate rate) {
        return new PipeSpec(from, to, direction, kinds, guardrails, rate, maxFrame);
    }

    public PipeSpec withEnds(String from, String to) {
        return new PipeSpec(from, to, direction, kinds, guardrails, rate, maxFrame);
    }

    public enum Direction implements Named {
        FORWARD("forward"), BOTH("both");

        private final String text;

        Direction(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }
}
