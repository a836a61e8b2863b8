package dev.airlock.plugins.kubernetes;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local sandbox's hardening as pod and container security contexts: non-root, read-only root filesystem, no
 * privilege escalation, every capability dropped, RuntimeDefault seccomp. A topology's loosenings (only exported
 * with allow-risks) weaken exactly the matching field, and {@link #level} says which Pod Security level the pods
 * then still meet.
 */
final class PodHardening {

    static final String TMP = "tmp";

    /** Pod Security Standards levels, strictest first. */
    enum Level {
        RESTRICTED, BASELINE, PRIVILEGED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The capabilities the baseline level tolerates in {@code add} (restricted: NET_BIND_SERVICE only). */
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER",
            "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    private PodHardening() {
    }

    static PodSecurityContext pod(AgentIdentity id, SandboxOverrides o) {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(id.uid() != 0)
                .withRunAsUser((long) id.uid())
                .withRunAsGroup((long) id.gid())
                .withFsGroup((long) id.gid())
                .withNewSeccompProfile().withType(seccompType(o)).endSeccompProfile()
                .build();
    }

    static SecurityContext container(AgentIdentity id, SandboxOverrides o) {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(Boolean.FALSE.equals(o.noNewPrivileges()))
                .withPrivileged(false)
                .withReadOnlyRootFilesystem(!Boolean.FALSE.equals(o.readOnlyRoot()))
                .withRunAsNonRoot(id.uid() != 0)
                .withNewCapabilities()
                .withDrop("ALL")
                .withAdd(o.capAdd().stream().map(PodHardening::capability).sorted().toList())
                .endCapabilities()
                .withNewSeccompProfile().withType(seccompType(o)).endSeccompProfile()
                .build();
    }

    /** The strictest Pod Security level pods with these loosenings still meet. */
    static Level level(AgentIdentity id, SandboxOverrides o) {
        boolean capsBeyondBaseline = o.capAdd().stream().map(PodHardening::capability)
                .anyMatch(c -> !BASELINE_CAPABILITIES.contains(c));
        if (capsBeyondBaseline || o.seccomp() == Seccomp.UNCONFINED) {
            return Level.PRIVILEGED;
        }
        boolean capsBeyondRestricted = o.capAdd().stream().map(PodHardening::capability)
                .anyMatch(c -> !c.equals("NET_BIND_SERVICE"));
        if (id.uid() == 0 || Boolean.FALSE.equals(o.noNewPrivileges()) || capsBeyondRestricted) {
            return Level.BASELINE;
        }
        return Level.RESTRICTED;
    }

    /** Limits equal to requests: the scheduler reserves what the local sandbox would have capped. */
    static ResourceRequirements resources(Resources r) {
        Map<String, Quantity> values = Map.of(
                "cpu", new Quantity(cpu(r.cpus())),
                "memory", new Quantity(r.memory().toString()));
        return new ResourceRequirementsBuilder().withLimits(values).withRequests(values).build();
    }

    /** The writable scratch directory the local sandbox mounts as tmpfs: a memory-backed emptyDir here. */
    static Volume tmpVolume(Resources r) {
        return new VolumeBuilder().withName(TMP)
                .withEmptyDir(new EmptyDirVolumeSourceBuilder().withMedium("Memory")
                        .withSizeLimit(new Quantity(r.tmpfs().toString())).build())
                .build();
    }

    static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName(TMP).withMountPath("/tmp").build();
    }

    private static String seccompType(SandboxOverrides o) {
        return o.seccomp() == Seccomp.UNCONFINED ? "Unconfined" : "RuntimeDefault";
    }

    private static String capability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    private static String cpu(double cpus) {
        long milli = Math.round(cpus * 1000);
        return milli % 1000 == 0 ? Long.toString(milli / 1000) : milli + "m";
    }
}
