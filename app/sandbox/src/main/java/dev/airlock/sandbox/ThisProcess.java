package dev.airlock.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** What this host process is, as far as handing files to another user goes; read from Linux's /proc. */
final class ThisProcess {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long CAP_CHOWN = 1L;
    private static final long CAP_DAC_OVERRIDE = 1L << 1;

    private ThisProcess() {
    }

    /** The effective uid; empty where there is no /proc. */
    static OptionalInt uid() {
        return field("Uid:").map(v -> OptionalInt.of(Integer.parseInt(v.trim().split("\\s+")[1])))
                .orElse(OptionalInt.empty());
    }

    /**
     * Whether this process may give a file to another uid (CAP_CHOWN) and still manage it afterwards
     * (CAP_DAC_OVERRIDE, to remove a socket from a directory that is no longer its own): what per-agent socket
     * ownership needs. Root has both; a rootless setup has neither.
     */
    static boolean canHandFilesToOtherUsers() {
        return field("CapEff:").map(v -> {
            long caps = Long.parseUnsignedLong(v.trim(), 16);
            return (caps & CAP_CHOWN) != 0 && (caps & CAP_DAC_OVERRIDE) != 0;
        }).orElse(false);
    }

    private static Optional<String> field(String name) {
        try {
            return Files.readAllLines(STATUS, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(name)).map(l -> l.substring(name.length())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
