package dev.airlock.sandbox;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Volume;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one place where a {@link HardeningProfile} becomes docker-java settings. */
public final class DockerHardening {

    static final String STRICT_SECCOMP_RESOURCE = "seccomp-strict.json";

    private DockerHardening() {
    }

    /** Applies every field of the profile to a create command for its image. */
    public static CreateContainerCmd apply(HardeningProfile p, CreateContainerCmd cmd) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(p.network())
                .withReadonlyRootfs(p.readOnlyRoot())
                .withCapDrop(capabilities(p.capDrop()))
                .withSecurityOpts(securityOpts(p))
                .withMemory(p.memoryBytes())
                .withMemorySwap(p.memorySwapBytes())
                .withNanoCPUs(p.nanoCpus())
                .withPidsLimit(p.pidsLimit())
                .withTmpFs(Map.of(p.tmpfsPath(), p.tmpfsOptions()))
                .withInit(p.init())
                .withPrivileged(false)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
                        Map.of("max-size", p.logMaxSize(), "max-file", "1")));
        if (!p.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(p.capAdd()));
        }
        if (p.pipeDirectory() != null) {
            host.withBinds(new Bind(p.pipeDirectory().toString(), new Volume(p.pipeMount()), AccessMode.ro));
        }
        cmd.withHostConfig(host)
                .withUser(p.user())
                .withHostName(p.hostname())
                .withNetworkDisabled("none".equals(p.network()))
                .withWorkingDir(p.tmpfsPath())
                .withEnv(p.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withLabels(p.labels())
                .withStopSignal("SIGTERM")
                .withTty(false)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .withAttachStdin(p.attachStdin())
                .withStdinOpen(p.attachStdin())
                .withStdInOnce(false);
        if (!p.command().isEmpty()) {
            cmd.withCmd(p.command());
        }
        return cmd;
    }

    static List<String> securityOpts(HardeningProfile p) {
        List<String> opts = new ArrayList<>();
        if (p.noNewPrivileges()) {
            opts.add("no-new-privileges:true");
        }
        switch (p.seccomp()) {
            case DEFAULT -> { } // The engine applies its default profile when none is named.
            case STRICT -> opts.add("seccomp=" + strictSeccompProfile());
            case UNCONFINED -> opts.add("seccomp=unconfined");
        }
        return opts;
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(Capability::valueOf).toArray(Capability[]::new);
    }

    /** Airlock's allow-list profile: the engine default's spirit, minus every socket family but AF_UNIX. */
    public static String strictSeccompProfile() {
        try (InputStream in = DockerHardening.class.getResourceAsStream(STRICT_SECCOMP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + STRICT_SECCOMP_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
