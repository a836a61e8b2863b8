package dev.airlock.cli;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.AgentPipes;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.Sandbox;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.runtime.SandboxExit;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Named;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.RunDirectories;
import dev.airlock.sandbox.images.ProbeImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "probe",
        description = {"Run a command under exactly the agents' hardening profile (no network, read-only root, no "
                + "capabilities, non-root, limits, only an empty pipe directory mounted) and exit with its code.",
                "For workshops (\"try to get out\") and security checks. Example: airlock probe -- ls /sys/class/net"})
final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--image", paramLabel = "IMAGE", description = "Image to run (default: ${DEFAULT-VALUE}, "
            + "built offline when missing).")
    String image = ProbeImage.TAG;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, swap equal (default: 256Mi).")
    String memory;

    @Option(names = "--pids", paramLabel = "N", description = "Process limit (default: 128).")
    int pids;

    @Option(names = "--seccomp", paramLabel = "PROFILE", converter = ProbeSeccomp.class,
            description = "default (the engine's) or strict (Airlock's allow-list: only AF_UNIX sockets).")
    Seccomp seccomp = Seccomp.DEFAULT;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop the command after this long, e.g. 30s, 2m (default: 5m).")
    String timeout = "5m";

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Duration limit = parseDuration("--timeout", timeout);
        Resources resources = Resources.DEFAULT.overlay(new Resources(
                memory == null ? null : size(memory), 0, pids, null));
        String runId = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerSandboxRuntime runtime = connect(Duration.ZERO)) {
            runtime.reapLeftovers();
            if (image.equals(ProbeImage.TAG)) {
                ImagesCommand.ensure(runtime, Set.of(ProbeImage.TAG));
            }
            Path pipe = null;
            if (runtime.engine().pipeMode() == PipeMode.UNIX_SOCKET) {
                Path run = runtime.directories().createRun(runId);
                pipe = RunDirectories.createAgentDirectory(run, "0-probe", AgentPipes.PIPE_GROUP);
            }
            Thread cleanup = new Thread(() -> {
                runtime.close();
                runtime.directories().removeRun(runId);
            }, "airlock-probe-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return run(runtime, new SandboxRequest(runId, "probe", image, command, Map.of(), resources,
                        SandboxOverrides.NONE.withSeccomp(seccomp), pipe), limit);
            } finally {
                runtime.directories().removeRun(runId);
                removeHook(cleanup);
            }
        }
    }

    /** The topology file's spelling of a profile; a probe tries the hardening, so it never runs unconfined. */
    static final class ProbeSeccomp implements ITypeConverter<Seccomp> {
        @Override
        public Seccomp convert(String text) {
            return Named.parse(Seccomp.class, text).filter(s -> s != Seccomp.UNCONFINED).orElseThrow(() ->
                    new TypeConversionException("must be 'default' or 'strict', not '" + text + "'"));
        }
    }

    private static int run(DockerSandboxRuntime runtime, SandboxRequest request, Duration limit)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Sandbox sandbox = launch(runtime, request);
             Sandbox.Follow follow = sandbox.followOutput((stderr, bytes) -> {
                 var stream = stderr ? Output.err() : Output.out();
                 stream.write(bytes, 0, bytes.length);
                 stream.flush();
             })) {
            SandboxExit exit;
            try {
                exit = sandbox.exit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                sandbox.stop(Duration.ofSeconds(2));
                exit = sandbox.exit().get(30, TimeUnit.SECONDS);
                Output.err().println("airlock: probe stopped after " + limit.toSeconds() + " s");
            }
            follow.awaitEnd(Duration.ofSeconds(10));
            if (exit.oomKilled()) {
                Output.err().println("airlock: probe " + exit.reason());
            }
            return exit.exitCode();
        }
    }

    private static Sandbox launch(DockerSandboxRuntime runtime, SandboxRequest request) {
        try {
            return runtime.launch(request);
        } catch (SandboxException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The engine, or one clear line listing what was tried. */
    static DockerSandboxRuntime connect(Duration statsInterval) {
        return connect(EventSink.NONE, statsInterval);
    }

    static DockerSandboxRuntime connect(EventSink events, Duration statsInterval) {
        try {
            return DockerSandboxRuntime.connect(events, statsInterval);
        } catch (EngineUnavailableException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static ByteSize size(String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--memory: " + e.getMessage());
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 1500ms}, or ISO-8601 ({@code PT30S}). */
    static Duration parseDuration(String option, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new UserError(option + ": '" + text + "' is not a duration (use e.g. 30s, 5m, 1h, 1500ms)");
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and does the cleanup.
        }
    }
}
