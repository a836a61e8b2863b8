package dev.airlock.sandbox;

import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.runtime.SandboxRuntime;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that locks a compartment down, as plain values: what {@link DockerHardening} maps to the engine and
 * what tests check field by field. Built only by {@link #of}, which starts from the hardened values and applies
 * the topology's explicit loosenings and nothing else.
 */
public record HardeningProfile(
        String image,
        List<String> command,
        String hostname,
        String network,
        boolean readOnlyRoot,
        String user,
        List<String> capDrop,
        List<String> capAdd,
        boolean noNewPrivileges,
        Seccomp seccomp,
        long memoryBytes,
        long memorySwapBytes,
        long nanoCpus,
        long pidsLimit,
        String tmpfsPath,
        String tmpfsOptions,
        Path pipeDirectory,
        String pipeMount,
        boolean attachStdin,
        boolean init,
        Map<String, String> env,
        Map<String, String> labels,
        String logMaxSize) {

    public static final String TMPFS_PATH = "/tmp";
    /** The socket the agent connects to: the file inside its mounted pipe directory. */
    public static final String GATE_SOCKET = SandboxRequest.PIPE_MOUNT + "/gate.sock";

    public HardeningProfile {
        command = List.copyOf(command);
        capDrop = List.copyOf(capDrop);
        capAdd = List.copyOf(capAdd);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }

    /**
     * The profile for one agent. {@code owner} identifies this host process for the reaper. The environment holds
     * only Airlock's own variables and the topology's declared {@code env}: nothing of the host's leaks in.
     */
    public static HardeningProfile of(SandboxRequest request, PipeMode mode, String owner) {
        SandboxOverrides o = request.overrides();
        Resources r = request.resources();
        long memory = r.memory().bytes();
        Map<String, String> env = new LinkedHashMap<>(request.env());
        env.put(SandboxRequest.AGENT_ENV, request.agentId());
        env.put(SandboxRequest.GATE_ENV, mode == PipeMode.UNIX_SOCKET ? GATE_SOCKET : "stdio");
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SandboxRuntime.LABEL_MANAGED, "true");
        labels.put(SandboxRuntime.LABEL_RUN, request.runId());
        labels.put(SandboxRuntime.LABEL_AGENT, request.agentId());
        labels.put(SandboxRuntime.LABEL_OWNER, owner);
        boolean unix = mode == PipeMode.UNIX_SOCKET && request.pipeDirectory() != null;
        return new HardeningProfile(
                request.image(),
                request.command(),
                hostname(request.agentId()),
                o.network() != null ? o.network() : SandboxOverrides.HARDENED_NETWORK,
                !Boolean.FALSE.equals(o.readOnlyRoot()),
                Objects.requireNonNull(request.identity(), "the runtime gives every request an identity").toString(),
                List.of("ALL"),
                o.capAdd().stream().map(HardeningProfile::capabilityName).toList(),
                !Boolean.FALSE.equals(o.noNewPrivileges()),
                o.seccomp() == null ? Seccomp.STRICT : o.seccomp(),
                memory,
                memory,
                Math.round(r.cpus() * 1_000_000_000L),
                r.pids(),
                TMPFS_PATH,
                "rw,noexec,nosuid,nodev,size=" + r.tmpfs().bytes(),
                unix ? request.pipeDirectory() : null,
                unix ? SandboxRequest.PIPE_MOUNT : null,
                mode == PipeMode.ATTACHED_STDIO,
                true,
                env,
                labels,
                "1m");
    }

    /** A hostname is visible to the agent; keep it to the agent's id in DNS-label form. */
    private static String hostname(String agentId) {
        String h = agentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return h.length() > 63 ? h.substring(0, 63) : h;
    }

    /** Topology files may write {@code CAP_NET_ADMIN} or {@code net_admin}; the engine wants {@code NET_ADMIN}. */
    static String capabilityName(String cap) {
        String c = cap.trim().toUpperCase(Locale.ROOT);
        return c.startsWith("CAP_") ? c.substring(4) : c;
    }
}
