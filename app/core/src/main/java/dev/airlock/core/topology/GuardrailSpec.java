package dev.airlock.core.topology;

/**
 * A guardrail the topology defines or tunes: with a {@code pattern} it is a custom regex detector; without one
 * it changes the action and mask style of the built-in detector of that id ({@code pii}, {@code secrets}, ...).
 */
public record GuardrailSpec(String id, String description, String pattern, Action action, Mask mask) {

    public GuardrailSpec {
        description = description == null ? "" : description;
        mask = mask == null ? Mask.PARTIAL : mask;
    }

    /** With the default mask style. */
    public GuardrailSpec(String id, String description, String pattern, Action action) {
        this(id, description, pattern, action, Mask.PARTIAL);
    }

    public boolean isCustom() {
        return pattern != null;
    }

    public enum Action implements Named {
        ALLOW("allow"), MASK("mask"), BLOCK("block"), ASK("ask");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }

    /**
     * How a finding is rendered in the delivered text and in findings: {@code partial} keeps what makes the
     * message useful ({@code ***-**-6789}), {@code label} keeps nothing but the rule, {@code hash} a short token
     * that is the same for the same value, so records can be joined without being revealed.
     */
    public enum Mask implements Named {
        PARTIAL("partial"), LABEL("label"), HASH("hash");

        private final String text;

        Mask(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }
}
