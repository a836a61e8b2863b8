package dev.airlock.desktop.archfixture;

/** A deliberate violation: the workbench going around the run engine. Only the architecture test uses it. */
public final class DesktopReachingIntoTheGate {

    public Object userOf(dev.airlock.gate.Gate gate) {
        return gate.user();
    }
}
