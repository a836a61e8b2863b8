package dev.airlock.cli;

import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.event.EventSink;
import dev.airlock.sandbox.DockerSandboxRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code airlock probe} on the real engine. */
class ProbeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    static void requireEngine() {
        try (DockerSandboxRuntime ignored = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            // An engine answered.
        } catch (EngineUnavailableException e) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no Docker engine: " + e.getMessage());
            }
            Assumptions.abort("Docker tests skipped (set CI=true to make this a failure): " + e.getMessage());
        }
    }

    /** Containers whose label says a probe run made them (run ids start with 'p'). */
    static long probeContainers() {
        try (DockerSandboxRuntime rt = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO)) {
            return rt.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("airlock.agent", "probe"))
                    .exec().size();
        }
    }

    @BeforeEach
    void redirect() {
        requireEngine();
        Output.redirect(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        Output.redirect(new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8), new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err),
                true, StandardCharsets.UTF_8));
    }

    @Test
    void streamsOutputAndExitsWithTheCommandsCode() {
        int code = Airlock.run("probe", "--", "sh", "-c", "id -u; ls /sys/class/net; echo oops >&2; exit 7");
        assertThat(code).isEqualTo(7);
        // A uid of its own, from the range no host account uses.
        assertThat(out.toString()).matches("\\d{10}\nlo\n");
        assertThat(Long.parseLong(out.toString().lines().findFirst().orElseThrow()))
                .isGreaterThanOrEqualTo(1_780_000_000L);
        assertThat(err.toString()).contains("oops");
        assertThat(probeContainers()).isZero();
    }

    @Test
    void theAgentsStrictSeccompProfileRefusesNetworkSocketsByDefault() {
        int code = Airlock.run("probe", "--", "sh", "-c", "nc 127.0.0.1 80");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("socket: Operation not permitted");
    }

    @Test
    void theEnginesProfileLetsTheSocketBeMadeAndTheEmptyNetworkRefusesIt() {
        int code = Airlock.run("probe", "--seccomp", "default", "--", "sh", "-c", "nc 127.0.0.1 80");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("Connection refused").doesNotContain("socket: Operation not permitted");
    }

    @Test
    void badArgumentsGiveOneLineAndExitTwo() {
        assertThat(Airlock.run("probe", "--timeout", "soon", "--", "true")).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString().strip()).isEqualTo(
                "airlock: --timeout: 'soon' is not a duration (use e.g. 30s, 5m, 1h, 1500ms) "
                        + "(see 'airlock probe --help')");
        assertThat(err.toString()).doesNotContain("Exception");
    }

    @Test
    void timeoutStopsTheCommand() {
        int code = Airlock.run("probe", "--timeout", "1s", "--", "sleep", "60");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("probe stopped after 1 s");
        assertThat(probeContainers()).isZero();
    }
}
