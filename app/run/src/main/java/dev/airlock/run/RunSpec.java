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
 * @param approver     asks a human about calls that need approval; null answers by {@code approvals}
 */
public record RunSpec(Topology topology, Path baseDir, Approvals approvals, Path capture, Duration readyTimeout,
                      Duration statsInterval, Duration grace, Compartments.Progress progress, Approver approver) {

    /** How calls that need a human's approval are answered when no human is asked. */
    public enum Approvals { DENY, ALLOW }

    /**
     * Asks a human whether a held call may pass. Called on the asking agent's gate thread, so only that agent waits
     * for the answer; an exception counts as a refusal.
     */
    @FunctionalInterface
    public interface Approver {
        boolean approve(ApprovalRequest request) throws Exception;
    }

    /**
     * A call held for a human: who asks, for what, under which rule.
     *
     * @param preview the content as it would be delivered (already masked), cut to a few hundred characters
     */
    public record ApprovalRequest(String agent, String target, String kind, String rule, String reason,
                                  String preview) {
    }

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
                Duration.ofSeconds(3), Compartments.Progress.NONE, null);
    }

    public RunSpec withApprovals(Approvals value) {
        return new RunSpec(topology, baseDir, value, capture, readyTimeout, statsInterval, grace, progress, approver);
    }

    public RunSpec withCapture(Path value) {
        return new RunSpec(topology, baseDir, approvals, value, readyTimeout, statsInterval, grace, progress, approver);
    }

    public RunSpec withReadyTimeout(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, value, statsInterval, grace, progress, approver);
    }

    public RunSpec withStatsInterval(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, value, grace, progress, approver);
    }

    public RunSpec withGrace(Duration value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, statsInterval, value, progress, approver);
    }

    public RunSpec withProgress(Compartments.Progress value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, statsInterval, grace, value, approver);
    }

    /** Asks {@code value} instead of answering by {@link #approvals()}. */
    public RunSpec withApprover(Approver value) {
        return new RunSpec(topology, baseDir, approvals, capture, readyTimeout, statsInterval, grace, progress, value);
    }
}
