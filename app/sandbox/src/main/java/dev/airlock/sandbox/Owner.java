package dev.airlock.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Identifies a host process as {@code host:pid:startMillis}, stamped on everything Airlock creates. The start time
 * guards against a recycled pid making a dead run's leftovers look alive.
 */
public record Owner(String host, long pid, long startMillis) {

    private static final Owner CURRENT = new Owner(hostName(), ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L));

    public static Owner current() {
        return CURRENT;
    }

    public static Optional<Owner> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Owner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Only owners on this host can be judged; a shared engine's other clients are left alone. */
    public boolean isOnThisHost() {
        return host.equals(CURRENT.host);
    }

    /** True when this host has no process with that pid and start time any more. */
    public boolean isDead() {
        if (!isOnThisHost()) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        long started = process.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(startMillis);
        // Start times come from /proc with clock-tick precision; allow for rounding.
        return Math.abs(started - startMillis) > 1000;
    }

    @Override
    public String toString() {
        return host + ":" + pid + ":" + startMillis;
    }

    private static String hostName() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).trim();
            if (!name.isEmpty()) {
                return name.replace(':', '_');
            }
        } catch (IOException e) {
            // Not Linux or no hostname file: fall through.
        }
        String env = System.getenv("HOSTNAME");
        if (env == null) {
            env = System.getenv("COMPUTERNAME");
        }
        return env == null || env.isBlank() ? "localhost" : env.replace(':', '_');
    }
}
