package dev.airlock.cli;

import picocli.CommandLine;

/** The version stamped into the jar's manifest at build time. */
final class Version implements CommandLine.IVersionProvider {

    static String current() {
        String v = Airlock.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "airlock " + current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
