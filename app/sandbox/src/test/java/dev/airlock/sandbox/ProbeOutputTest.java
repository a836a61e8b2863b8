package dev.airlock.sandbox;

import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.SandboxOverrides;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command that prints a little and exits at once is where a follow set up after the start loses output: the
 * container can be gone before the follow begins. Run often enough, the old code lost about one run in ten.
 */
class ProbeOutputTest {

    static final int RUNS = 40;
    static DockerSandboxRuntime runtime;

    @BeforeAll
    static void engine() {
        runtime = Engine.runtime(new Engine.Recorder());
        Engine.ensureProbe(runtime);
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aShortCommandNeverLosesItsOutput() throws Exception {
        String runId = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            // No trailing newline, and stdout and stderr both: the forms reported lost.
            ProbeRun r = ProbeRun.of(runtime, new SandboxRequest(runId, "probe", "airlock/probe",
                    List.of("sh", "-c", "printf x; printf y >&2"), Map.of(), ProbeSandboxTest.LIMITS,
                    SandboxOverrides.NONE, null));
            assertThat(r.exit().exitCode()).isZero();
            if (!r.output().equals("xy") && !r.output().equals("yx")) {
                lost.add("run " + (i + 1) + ": '" + r.output() + "'");
            }
        }
        assertThat(lost).as("runs of %d that lost output", RUNS).isEmpty();
    }
}
