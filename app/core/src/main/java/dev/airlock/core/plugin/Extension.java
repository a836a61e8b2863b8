package dev.airlock.core.plugin;

/**
 * What every service interface of Airlock's extends: {@link Plugins} recognises a plugin jar's services by it and
 * lists each provider by {@link #describe()}, without knowing the interfaces themselves.
 */
public interface Extension {

    /** What this provider adds, as {@code airlock plugins} lists it: "guardrail internal-hosts". */
    String describe();
}
