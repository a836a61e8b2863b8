package dev.airlock.core.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numeric user and group one compartment runs as. The gate hands the agent's socket to exactly this identity
 * and admits a connection only from a peer that has it, so it is what "this connection is that agent" rests on.
 */
public record AgentIdentity(int uid, int gid) {

    private static final Pattern NUMERIC = Pattern.compile("(\\d{1,10})(?::(\\d{1,10}))?");

    public AgentIdentity {
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
        }
    }

    /**
     * A topology's {@code sandbox.user} when it is numeric ({@code uid} or {@code uid:gid}; the gid defaults to the
     * uid); empty for names, which only the image could resolve and the gate could not check.
     */
    public static Optional<AgentIdentity> parse(String user) {
        Matcher m = NUMERIC.matcher(user == null ? "" : user.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long uid = Long.parseLong(m.group(1));
        long gid = m.group(2) == null ? uid : Long.parseLong(m.group(2));
        if (uid > Integer.MAX_VALUE || gid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new AgentIdentity((int) uid, (int) gid));
    }

    /** The owner of a file, e.g. of a directory this process just made: how tests and benchmarks name themselves. */
    public static AgentIdentity ownerOf(Path path) throws IOException {
        return new AgentIdentity((Integer) Files.getAttribute(path, "unix:uid"),
                (Integer) Files.getAttribute(path, "unix:gid"));
    }

    /** The engine's {@code --user} form. */
    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
