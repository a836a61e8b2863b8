package dev.airlock.run.doctor;

import dev.airlock.core.event.EventSink;
import dev.airlock.core.runtime.EngineInfo;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.validation.Catalog;
import dev.airlock.run.RunException;
import dev.airlock.run.docker.SandboxImages;
import dev.airlock.sandbox.DockerSandboxRuntime;
import dev.airlock.sandbox.EngineFeatures;
import dev.airlock.sandbox.RunDirectories;
import dev.airlock.sandbox.images.ImageBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything a run and the workbench need from this machine, checked the way a run would use it: the same engine
 * discovery, the same image recipes, the same pipe directory rules. Builds nothing; the one thing it changes is
 * what dead runs left behind, which it removes as every command that launches does, so that a user who suspects
 * leftovers after a crash has a command that clears them without starting a run.
 */
public final class Doctor {

    static final int MIN_JAVA = 21;

    /** Where JavaFX's glass toolkit looks for GTK 3 on common Linux layouts. */
    private static final List<Path> GTK = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0"),
            Path.of("/usr/lib/aarch64-linux-gnu/libgtk-3.so.0"), Path.of("/usr/lib64/libgtk-3.so.0"),
            Path.of("/usr/lib/libgtk-3.so.0"));

    private final Map<String, String> env;
    private final String os;

    Doctor(Map<String, String> env, String os) {
        this.env = env;
        this.os = os.toLowerCase(Locale.ROOT);
    }

    /** Checks as this process would run: its environment (DOCKER_HOST, DISPLAY, …) and its JDK. */
    public static Doctor ofThisProcess() {
        return of(System.getenv());
    }

    /** Checks as a run with this environment would find the machine. */
    public static Doctor of(Map<String, String> env) {
        return new Doctor(env, System.getProperty("os.name", ""));
    }

    public List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        engineChecks(checks);
        checks.add(pipeDirectory());
        checks.add(display());
        checks.add(plugins());
        return checks;
    }

    private static Check java() {
        Runtime.Version v = Runtime.version();
        String detail = "Java " + v + " (" + System.getProperty("java.vendor", "unknown vendor") + ") at "
                + System.getProperty("java.home");
        return v.feature() >= MIN_JAVA ? Check.pass("java", detail)
                : Check.fail("java", detail + "; Airlock needs " + MIN_JAVA + " or newer",
                "install JDK " + MIN_JAVA + "+ (e.g. 'apt-get install openjdk-21-jdk') and put it first on PATH");
    }

    private void engineChecks(List<Check> checks) {
        try (DockerSandboxRuntime runtime = DockerSandboxRuntime.connect(EventSink.NONE, Duration.ZERO, env)) {
            EngineInfo engine = runtime.engine();
            checks.add(Check.pass("engine", "version " + engine.version() + " on " + engine.name() + " at "
                    + engine.endpoint()
                    + "; agents' pipes: " + (engine.pipeMode() == PipeMode.UNIX_SOCKET
                    ? "a Unix socket per agent" : "the container's attached stdio")));
            checks.add(limits(runtime.features()));
            images(runtime, checks);
            gateImage(runtime, checks);
            checks.add(leftovers(runtime));
        } catch (EngineUnavailableException e) {
            checks.add(Check.fail("engine", e.getMessage(), startEngine()));
        } catch (RuntimeException e) {
            checks.add(Check.fail("engine", "the engine answered but could not be queried: " + e.getMessage(),
                    "check the engine's log; 'docker info' should answer"));
        }
    }

    private String startEngine() {
        if (os.contains("linux")) {
            return "start it: 'sudo systemctl start docker' (or 'sudo dockerd &'); without Docker: "
                    + "'sudo apt-get install docker.io'";
        }
        return "start Docker Desktop (or Colima / Podman) and wait until it says it is running";
    }

    static Check limits(EngineFeatures f) {
        List<String> missing = new ArrayList<>();
        if (!f.memoryLimit()) {
            missing.add("memory limits");
        }
        if (!f.pidsLimit()) {
            missing.add("process-count limits");
        }
        if (!f.seccomp()) {
            missing.add("seccomp");
        }
        String mode = "cgroup v" + f.cgroupVersion() + (f.rootless() ? ", rootless" : "")
                + (f.userNamespaces() ? ", user namespaces remapped" : "");
        if (!missing.isEmpty()) {
            return Check.fail("limits", mode + "; the engine cannot enforce " + String.join(", ", missing)
                    + ", so an agent's container would run without them",
                    "use an engine with these cgroup controllers and seccomp enabled (on Linux, cgroup v2 with the "
                            + "memory and pids controllers, e.g. Debian's docker.io on a current kernel)");
        }
        return Check.pass("limits", mode + "; memory, process-count and seccomp limits are enforced");
    }

    private static void images(DockerSandboxRuntime runtime, List<Check> checks) {
        Map<String, ImageBuilder.State> states;
        try {
            states = SandboxImages.states(runtime);
        } catch (RunException e) {
            checks.add(Check.fail("images", e.getMessage(), "fix the above, then: airlock images build"));
            return;
        }
        List<String> current = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        states.forEach((tag, state) -> {
            switch (state) {
                case CURRENT -> current.add(tag);
                case MISSING -> pending.add(tag + " not built");
                case STALE -> pending.add(tag + " built from older inputs");
            }
        });
        if (pending.isEmpty()) {
            checks.add(Check.pass("images", String.join(", ", current) + " up to date"));
        } else {
            String upToDate = current.isEmpty() ? "" : String.join(", ", current) + " up to date; ";
            checks.add(Check.warn("images", upToDate + String.join("; ", pending)
                    + "; the first run builds them offline", "to build them now: airlock images build"));
        }
    }

    /** Only a packaged Airlock carries what the gate image needs; runs never need it, so it is never a failure. */
    private static void gateImage(DockerSandboxRuntime runtime, List<Check> checks) {
        try {
            SandboxImages.gateState(runtime).ifPresent(state -> checks.add(state == ImageBuilder.State.CURRENT
                    ? Check.pass("gate", SandboxImages.GATE + " up to date")
                    : Check.warn("gate", SandboxImages.GATE + (state == ImageBuilder.State.MISSING
                    ? " not built" : " built from older inputs") + "; only Compose and Kubernetes need it",
                    "to build it: airlock images build --only " + SandboxImages.GATE)));
        } catch (RunException e) {
            checks.add(Check.warn("gate", e.getMessage(), "airlock images build --only "
                    + SandboxImages.GATE));
        }
    }

    /**
     * Reaps as a launch would, owners judged by pid and start time, so a live run's containers and pipes stay. The
     * runtime does not walk a pipe base that fails its own check; the doctor says so rather than report it clean.
     */
    private static Check leftovers(DockerSandboxRuntime runtime) {
        if (runtime.directories().problem().isPresent()) {
            return Check.warn("leftovers", "not looked for: the pipe directory is not safe to walk (see 'pipes')",
                    "fix the pipe directory, then run 'airlock doctor' again");
        }
        List<String> removed = runtime.reapLeftovers();
        return Check.pass("leftovers", removed.isEmpty() ? "no containers, images or pipe directories of dead runs"
                : "removed " + removed.size() + " of dead runs: " + String.join(", ", removed));
    }

    private Check pipeDirectory() {
        RunDirectories runs = RunDirectories.standard(env);
        Optional<String> problem = runs.problem();
        if (problem.isPresent()) {
            return Check.fail("pipes", problem.get(), "remove " + runs.base() + ", or set XDG_RUNTIME_DIR to a "
                    + "directory only you can enter");
        }
        return Check.pass("pipes", runs.base() + (Files.isDirectory(runs.base())
                ? " is private to this user" : " will be created private at the first run"));
    }

    private Check display() {
        if (!os.contains("linux")) {
            return Check.pass("display", "the workbench uses the system's window manager");
        }
        String display = env.getOrDefault("WAYLAND_DISPLAY", env.getOrDefault("DISPLAY", ""));
        if (display.isBlank()) {
            return Check.warn("display", "no DISPLAY or WAYLAND_DISPLAY: the workbench cannot open a window here "
                    + "(the other commands work)", "run it in a desktop session, or under a virtual display: "
                    + "'Xvfb :99 & export DISPLAY=:99'");
        }
        if (GTK.stream().noneMatch(Files::exists)) {
            return Check.warn("display", "display " + display + ", but GTK 3 is not installed: JavaFX cannot open "
                    + "a window without it", "sudo apt-get install libgtk-3-0");
        }
        return Check.pass("display", "display " + display + ", GTK 3 installed");
    }

    private static Check plugins() {
        Catalog installed = Catalog.installed();
        return Check.pass("plugins", "model backends: " + String.join(", ", new TreeSet<>(installed.backends()))
                + "; tool types: " + installed.toolTypes().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining(", "))
                + "; guardrails: " + String.join(", ", new TreeSet<>(installed.guardrails())));
    }
}
