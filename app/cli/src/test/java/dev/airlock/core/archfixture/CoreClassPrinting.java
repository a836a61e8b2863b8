package dev.airlock.core.archfixture;

/** A deliberate violation: printing outside the CLI's output layer. Only the architecture test uses it. */
public final class CoreClassPrinting {

    @SuppressWarnings("java:S106")
    public void shout() {
        System.out.println("core should not print");
    }
}
