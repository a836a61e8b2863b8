package dev.airlock.run;

import dev.airlock.core.topology.Topology;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that decides how one run goes, as a value: the topology, the directory its relative paths resolve
 * against, how approval requests are answered, where raw payloads are captured, and the run's timeouts.
 *
 * @param capture      where the gate records raw payloads for replay; null for none
 * @param readyTimeout how long an agent may take to say hello
 * @param statsInterval how often containers' resource use is sampled; zero for never
 * @param grace        how long a stopping agent gets between SIGTERM and kill
 */
public record RunSpec(Topology topology, Path baseDir, Approvals approvals, Path capture, Duration readyTimeout,
                      Duration statsInterval, Duration grace, Compartments.Progress progress) {

    /** How calls that need a human's approval are answered when no human is asked. */
    public enum Approvals { DENY, ALLOW }

    public RunSpec {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(statsInterval, "statsInterval");
        Objects.requireNonNull(grace, "grace");
        progress = progress == null ? Compartments.Progress.NONE : progress;
    }

    /** The defaults of {@code airlock run}: deny approvals, no capture, 30 s to be ready, stats every 5 s. */
    public static RunSpec of(Topology topology, Path baseDir) {
        return new RunSpec(topology, baseDir, Approvals.DENY, null, Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Compartments.Progress.NONE);
    }

    public RunSpec withApprovals(Approvals value) {
        return new RunSpec(topology, baseDir, value, capture, readyTimeout, statsInterval, grace, progress);
    }

    public RunSpec withCapture(Path value) {
        return new RunSpec(topology, baseDir, approvals, value, readyTimeout, statsInterval, grace, progress);
    }

    public RunSpec withReadyTimeout(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, value, statsInterval, grace, progress);
    }

    public RunSpec withStatsInterval(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, value, grace, progress);
    }

    public RunSpec withGrace(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, statsInterval, value, progress);
    }

    public RunSpec withProgress(Compartments.Progress value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, statsInterval, grace, value);
    }
}
