package dev.airlock.run.docker;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.run.RunException;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.RunDirectories;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One command under exactly the agents' hardening profile, with only an empty pipe directory mounted: what
 * {@code airlock probe} runs for "try to get out" exercises and security checks.
 */
public final class Probe {

    /** @param overrides {@link SandboxOverrides#NONE}, or a stricter seccomp profile */
    public record Spec(String image, List<String> command, Resources resources, SandboxOverrides overrides,
                       Duration timeout) {
    }

    private Probe() {
    }

    /**
     * Runs the command to its end (or stops it after the timeout) and returns its exit code. Output goes to
     * {@code output} as it comes; {@code notes} gets Airlock's own remarks (stopped, out of memory).
     */
    public static int run(Spec spec, Sandbox.OutputListener output, Consumer<String> notes) throws Exception {
        String runId = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerSandboxRuntime runtime = DockerCompartments.connect(EventSink.NONE, Duration.ZERO)) {
            runtime.reapLeftovers();
            if (spec.image().equals(SandboxImages.PROBE)) {
                SandboxImages.ensure(runtime, Set.of(SandboxImages.PROBE), notes::accept);
            }
            Path pipe = null;
            AgentIdentity identity = runtime.identityFor(spec.overrides());
            if (runtime.engine().pipeMode() == PipeMode.UNIX_SOCKET) {
                Path run;
                try {
                    run = runtime.directories().createRun(runId);
                } catch (UncheckedIOException e) {
                    throw new RunException(e.getMessage());
                }
                pipe = RunDirectories.createAgentDirectory(run, "0-probe", identity);
            }
            Thread cleanup = new Thread(() -> {
                runtime.close();
                runtime.directories().removeRun(runId);
            }, "airlock-probe-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return run(runtime, new SandboxRequest(runId, "probe", spec.image(), spec.command(), Map.of(),
                        spec.resources(), spec.overrides(), pipe, identity), spec.timeout(), output, notes);
            } finally {
                runtime.directories().removeRun(runId);
                removeHook(cleanup);
            }
        }
    }

    private static int run(DockerSandboxRuntime runtime, SandboxRequest request, Duration limit,
                           Sandbox.OutputListener output, Consumer<String> notes) throws Exception {
        Sandbox launched;
        try {
            launched = runtime.launch(request);
        } catch (SandboxException e) {
            throw new RunException(e.getMessage());
        }
        try (Sandbox sandbox = launched; Sandbox.Follow follow = sandbox.followOutput(output)) {
            SandboxExit exit;
            try {
                exit = sandbox.exit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                sandbox.stop(Duration.ofSeconds(2));
                exit = sandbox.exit().get(30, TimeUnit.SECONDS);
                notes.accept("probe stopped after " + limit.toSeconds() + " s");
            }
            follow.awaitEnd(Duration.ofSeconds(10));
            if (exit.oomKilled()) {
                notes.accept("probe " + exit.reason());
            }
            return exit.exitCode();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and does the cleanup.
        }
    }
}
