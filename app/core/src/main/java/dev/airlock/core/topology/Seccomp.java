package dev.airlock.core.topology;

/**
 * The system-call filter of a compartment: the engine's own profile, Airlock's stricter allow-list, or none at all.
 * Only {@link #UNCONFINED} is a loosening.
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
