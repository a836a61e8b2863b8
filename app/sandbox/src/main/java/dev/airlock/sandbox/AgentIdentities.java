package dev.airlock.sandbox;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.topology.SandboxOverrides;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands each compartment a uid:gid of its own. The ids come from a high range no distribution assigns (system
 * accounts, regular users and the usual {@code /etc/subuid} ranges all sit far below it), starting at a random
 * block per runtime so that two Airlock processes rarely pick the same ids, and skipping any id this host's
 * {@code /etc/passwd} or {@code /etc/group} names. An agent's socket then belongs to a uid that no host process
 * runs as unless it is root.
 */
final class AgentIdentities {

    static final int FIRST = 1_780_000_000;
    static final int BLOCK = 1024;
    private static final int BLOCKS = 300_000;

    private final Set<Integer> taken;
    private int next;

    AgentIdentities(Set<Integer> taken, int block) {
        this.taken = Set.copyOf(taken);
        this.next = FIRST + Math.floorMod(block, BLOCKS) * BLOCK;
    }

    static AgentIdentities forThisHost() {
        Set<Integer> taken = new HashSet<>();
        taken.addAll(ids(Path.of("/etc/passwd"), 2));
        taken.addAll(ids(Path.of("/etc/group"), 2));
        return new AgentIdentities(taken, new SecureRandom().nextInt(BLOCKS));
    }

    /** The override's numeric identity, or the next free one. */
    synchronized AgentIdentity identityFor(SandboxOverrides overrides) {
        if (overrides.user() != null) {
            return AgentIdentity.parse(overrides.user()).orElseThrow(() -> new SandboxException("sandbox user '"
                    + overrides.user() + "' is not a numeric uid or uid:gid; the gate could not check its peers"));
        }
        while (taken.contains(next)) {
            next++;
        }
        int id = next++;
        return new AgentIdentity(id, id);
    }

    /** The numeric ids in one column of a colon-separated account file; none if it cannot be read. */
    static Set<Integer> ids(Path file, int column) {
        Set<Integer> ids = new HashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] fields = line.split(":");
                if (fields.length > column) {
                    try {
                        ids.add(Integer.parseInt(fields[column].trim()));
                    } catch (NumberFormatException ignored) {
                        // comments and malformed lines name no id
                    }
                }
            }
        } catch (IOException e) {
            // No account file (e.g. not Linux): nothing to avoid.
        }
        return ids;
    }
}
