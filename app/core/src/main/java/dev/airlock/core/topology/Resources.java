package dev.airlock.core.topology;

/** Limits of one compartment. Limits are never a loosening: an agent may ask for more memory without risk. */
public record Resources(ByteSize memory, double cpus, int pids, ByteSize tmpfs) {

    public static final Resources DEFAULT = new Resources(
            ByteSize.ofMebibytes(256), 1.0, 128, ByteSize.ofMebibytes(16));

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
}
