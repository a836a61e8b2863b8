package dev.airlock.core.topology;

/**
 * Limits of one compartment. Limits are never a loosening: an agent may ask for more memory without risk.
 * A partial value leaves fields unset (null or zero) for {@link #overlay} to fill in.
 */
public record Resources(ByteSize memory, double cpus, int pids, ByteSize tmpfs) {

    public static final Resources DEFAULT = new Resources(
            ByteSize.ofMebibytes(256), 1.0, 128, ByteSize.ofMebibytes(16));
    /** Nothing set: an agent's resources when its file names none, before one field is set. */
    public static final Resources UNSET = new Resources(null, 0, 0, null);

    /** Fields left unset in {@code partial} (null or zero) come from {@code this}. */
    public Resources overlay(Resources partial) {
        if (partial == null) {
            return this;
        }
        return new Resources(
                partial.memory() != null ? partial.memory() : memory,
                partial.cpus() > 0 ? partial.cpus() : cpus,
                partial.pids() > 0 ? partial.pids() : pids,
                partial.tmpfs() != null ? partial.tmpfs() : tmpfs);
    }

    public Resources withMemory(ByteSize memory) {
        return new Resources(memory, cpus, pids, tmpfs);
    }

    public Resources withCpus(double cpus) {
        return new Resources(memory, cpus, pids, tmpfs);
    }

    public Resources withPids(int pids) {
        return new Resources(memory, cpus, pids, tmpfs);
    }

    public Resources withTmpfs(ByteSize tmpfs) {
        return new Resources(memory, cpus, pids, tmpfs);
    }
}
