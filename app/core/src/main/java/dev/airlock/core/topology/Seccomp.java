package dev.airlock.core.topology;

/**
 * The system-call filter of a compartment. {@link #STRICT}, Airlock's allow-list, is what a compartment gets when
 * its topology says nothing; {@link #DEFAULT} (the engine's own, broader profile) and {@link #UNCONFINED} (no filter)
 * are loosenings a topology must write out, and are reported as risks.
 */
public enum Seccomp implements Named {
    DEFAULT("default"), STRICT("strict"), UNCONFINED("unconfined");

    private final String text;

    Seccomp(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
