package dev.airlock.cli;

import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Named;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.run.docker.Probe;
import dev.airlock.run.docker.SandboxImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "probe",
        description = {"Run a command under exactly the agents' hardening profile (no network, read-only root, no "
                + "capabilities, non-root, limits, only an empty pipe directory mounted) and exit with its code.",
                "For workshops (\"try to get out\") and security checks. Example: airlock probe -- ls /sys/class/net"})
final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--image", paramLabel = "IMAGE", description = "Image to run (default: ${DEFAULT-VALUE}, "
            + "built offline when missing).")
    String image = SandboxImages.PROBE;

    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, swap equal (default: 256Mi).")
    String memory;

    @Option(names = "--pids", paramLabel = "N", description = "Process limit (default: 128).")
    int pids;

    @Option(names = "--seccomp", paramLabel = "PROFILE", converter = ProbeSeccomp.class,
            description = "strict (Airlock's allow-list, only AF_UNIX sockets; the agents' default) or default "
                    + "(the engine's broader profile, for comparison).")
    Seccomp seccomp = Seccomp.STRICT;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "Stop the command after this long, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Resources resources = Resources.DEFAULT.overlay(new Resources(
                memory == null ? null : size(memory), 0, pids, null));
        Probe.Spec spec = new Probe.Spec(image, command, resources,
                SandboxOverrides.NONE.withSeccomp(seccomp == Seccomp.STRICT ? null : seccomp), timeout);
        return Probe.run(spec, (stderr, bytes) -> {
            var stream = stderr ? Output.err() : Output.out();
            stream.write(bytes, 0, bytes.length);
            stream.flush();
        }, note -> Output.err().println("airlock: " + note));
    }

    private static ByteSize size(String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--memory: " + e.getMessage());
        }
    }

    /** A probe may tighten the profile, never loosen it: 'unconfined' is not offered. */
    static final class ProbeSeccomp implements ITypeConverter<Seccomp> {
        @Override
        public Seccomp convert(String text) {
            return Named.parse(Seccomp.class, text).filter(s -> s != Seccomp.UNCONFINED).orElseThrow(() ->
                    new TypeConversionException("must be 'default' or 'strict', not '" + text + "'"));
        }
    }
}
