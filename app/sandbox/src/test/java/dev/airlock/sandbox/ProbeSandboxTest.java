package dev.airlock.sandbox;

import dev.airlock.core.event.SandboxRemoved;
import dev.airlock.core.event.SandboxStarted;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The hardening profile as a process inside the container sees it, on the real engine. */
class ProbeSandboxTest {

    static final Resources LIMITS = new Resources(ByteSize.ofMebibytes(64), 0.5, 32, ByteSize.ofMebibytes(4));
    static Engine.Recorder events;
    static DockerSandboxRuntime runtime;
    static String runId;

    @BeforeAll
    static void engine() {
        events = new Engine.Recorder();
        runtime = Engine.runtime(events);
        Engine.ensureProbe(runtime);
        runId = "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Runs a shell script under the hardened profile; returns its exit and everything it printed. */
    static ProbeRun sh(String script) throws Exception {
        return sh(script, SandboxOverrides.NONE);
    }

    static ProbeRun sh(String script, SandboxOverrides overrides) throws Exception {
        SandboxRequest request = new SandboxRequest(runId, "probe", "airlock/probe", List.of("sh", "-c", script),
                Map.of(), LIMITS, overrides, null);
        return ProbeRun.of(runtime, request);
    }

    @Test
    void processSeesTheLockedDownProfile() throws Exception {
        ProbeRun r = sh("id -u; id -g; ls /sys/class/net; grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' "
                + "/proc/self/status; cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max; "
                + "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max; "
                + "grep ' /tmp ' /proc/mounts; grep ' / ' /proc/mounts; env | sort");
        assertThat(r.exit().exitCode()).as(r.output()).isZero();
        List<String> lines = r.output().lines().toList();
        // Its own uid and gid, from the range no host account uses.
        assertThat(Long.parseLong(lines.get(0))).isGreaterThanOrEqualTo(AgentIdentities.FIRST);
        assertThat(lines.get(1)).isEqualTo(lines.get(0));
        assertThat(lines.get(2)).isEqualTo("lo");
        assertThat(r.output()).contains("CapEff:\t0000000000000000", "CapBnd:\t0000000000000000",
                "NoNewPrivs:\t1", "Seccomp:\t2");
        assertThat(lines).contains("32", String.valueOf(64L << 20));
        assertThat(r.output()).containsPattern("tmpfs /tmp tmpfs rw,nosuid,nodev,noexec[^\\n]*size=4096k");
        assertThat(r.output()).containsPattern("overlay / overlay ro,");
        assertThat(r.output()).contains("AIRLOCK_AGENT=probe").doesNotContain("JAVA_HOME", "MAVEN");
    }

    @Test
    void exitCodesAndReasonsComeBack() throws Exception {
        ProbeRun r = sh("exit 7");
        assertThat(r.exit().exitCode()).isEqualTo(7);
        assertThat(r.exit().failed()).isTrue();
        assertThat(r.exit().reason()).isEqualTo("failed with exit code 7");
        assertThat(events.of(SandboxStarted.class)).isNotEmpty();
    }

    @Test
    void gracefulStopThenRemovalLeavesNothing() throws Exception {
        SandboxRequest request = new SandboxRequest(runId, "sleeper", "airlock/probe",
                List.of("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"), Map.of(), LIMITS, null, null);
        Sandbox sandbox = runtime.launch(request);
        String id = sandbox.id();
        long begin = System.nanoTime();
        sandbox.stop(Duration.ofSeconds(5));
        SandboxExit exit = sandbox.exit().get(20, TimeUnit.SECONDS);
        assertThat(exit.stoppedByHost()).isTrue();
        assertThat(exit.failed()).isFalse();
        assertThat((System.nanoTime() - begin) / 1e9).as("stopped by SIGTERM, not the kill after grace").isLessThan(4.5);
        sandbox.close();
        assertThat(runtime.client().listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec()).isEmpty();
        assertThat(events.of(SandboxRemoved.class)).anyMatch(e -> e.name().equals(id));
    }
}
