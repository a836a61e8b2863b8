package dev.airlock.core.topology;

/** What the runtime does when an agent's container exits on its own. */
public record RestartPolicy(Mode mode, int maxRestarts) {

    public static final RestartPolicy NEVER = new RestartPolicy(Mode.NEVER, 0);

    public enum Mode implements Named {
        NEVER("never"), ON_FAILURE("on-failure");

        private final String text;

        Mode(String text) {
            this.text = text;
        }

        @Override
        public String text() {
            return text;
        }
    }
}
