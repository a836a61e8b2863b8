package dev.airlock.core.topology;

/**
 * A guardrail the topology defines or tunes: with a {@code pattern} it is a custom regex detector; without one
 * it changes the action of the built-in detector of that id ({@code pii}, {@code secrets}, ...).
 */
public record GuardrailSpec(String id, String description, String pattern, Action action) {

    public GuardrailSpec {
        description = description == null ? "" : description;
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
}
