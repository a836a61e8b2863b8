package dev.airlock.core.problem;

public enum Severity {
    /** The topology cannot run. */
    ERROR,
    /** It runs, but something weaker than the hardened default was asked for. */
    RISK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
