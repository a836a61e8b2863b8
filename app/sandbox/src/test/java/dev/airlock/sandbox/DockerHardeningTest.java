package dev.airlock.sandbox;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.PipeMode;
import dev.airlock.core.runtime.SandboxRequest;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DockerHardeningTest {

    private static final AgentIdentity IDENTITY = new AgentIdentity(1_780_000_001, 1_780_000_001);
    private static final Resources LIMITS = new Resources(ByteSize.ofMebibytes(96), 0.5, 64, ByteSize.ofMebibytes(8));

    private static SandboxRequest request(SandboxOverrides overrides) {
        return new SandboxRequest("r1", "planner", "airlock/agent-java", List.of("dev.example.Main"),
                Map.of("MODE", "demo"), LIMITS, overrides, Path.of("/tmp/airlock-x/r1/0-planner"), IDENTITY);
    }

    private static CreateContainerCmd mapped(HardeningProfile profile) {
        return DockerHardening.apply(profile, new CreateContainerCmdImpl(command -> null, null, profile.image()));
    }

    @Test
    void hardenedProfileMapsEveryFieldToTheEngine() {
        HardeningProfile p = HardeningProfile.of(request(SandboxOverrides.NONE), PipeMode.UNIX_SOCKET, "h:1:2");
        CreateContainerCmd cmd = mapped(p);
        HostConfig host = cmd.getHostConfig();

        assertThat(host.getNetworkMode()).isEqualTo("none");
        assertThat(cmd.isNetworkDisabled()).isTrue();
        assertThat(host.getReadonlyRootfs()).isTrue();
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).isNullOrEmpty();
        // Airlock's strict allow-list, unless a topology writes out a looser profile.
        assertThat(host.getSecurityOpts()).hasSize(2).first().isEqualTo("no-new-privileges:true");
        assertThat(host.getSecurityOpts().get(1)).startsWith("seccomp={");
        assertThat(host.getPrivileged()).isFalse();
        assertThat(cmd.getUser()).isEqualTo("1780000001:1780000001");
        assertThat(host.getMemory()).isEqualTo(96L << 20);
        assertThat(host.getMemorySwap()).isEqualTo(96L << 20);
        assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(host.getPidsLimit()).isEqualTo(64L);
        assertThat(host.getTmpFs()).containsExactly(Map.entry("/tmp", "rw,noexec,nosuid,nodev,size=" + (8 << 20)));
        assertThat(host.getInit()).isTrue();
        assertThat(host.getBinds()).containsExactly(
                new Bind("/tmp/airlock-x/r1/0-planner", new com.github.dockerjava.api.model.Volume("/run/airlock"),
                        AccessMode.ro));
        assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "1m");
        assertThat(cmd.getEnv()).containsExactly("AIRLOCK_AGENT=planner", "AIRLOCK_GATE=/run/airlock/gate.sock",
                "MODE=demo");
        assertThat(cmd.getLabels()).containsEntry("airlock.run", "r1").containsEntry("airlock.agent", "planner")
                .containsEntry("airlock.owner", "h:1:2").containsEntry("airlock.managed", "true");
        assertThat(cmd.getCmd()).containsExactly("dev.example.Main");
        assertThat(cmd.getHostName()).isEqualTo("planner");
        assertThat(cmd.isStdinOpen()).isFalse();
        assertThat(cmd.getImage()).isEqualTo("airlock/agent-java");
    }

    @Test
    void hostEnvironmentNeverLeaksIn() {
        HardeningProfile p = HardeningProfile.of(request(SandboxOverrides.NONE), PipeMode.UNIX_SOCKET, "h:1:2");
        assertThat(p.env()).containsOnlyKeys("AIRLOCK_AGENT", "AIRLOCK_GATE", "MODE");
        assertThat(p.env()).doesNotContainKeys(System.getenv().keySet().stream()
                .filter(k -> !k.equals("MODE")).toArray(String[]::new));
    }

    @Test
    void stdioModeMountsNothingAndKeepsStdinOpen() {
        HardeningProfile p = HardeningProfile.of(request(SandboxOverrides.NONE), PipeMode.ATTACHED_STDIO, "h:1:2");
        CreateContainerCmd cmd = mapped(p);
        assertThat(cmd.getHostConfig().getBinds()).isNullOrEmpty();
        assertThat(cmd.isStdinOpen()).isTrue();
        assertThat(cmd.isAttachStdin()).isTrue();
        assertThat(cmd.getEnv()).contains("AIRLOCK_GATE=stdio");
    }

    @Test
    void loosenOnlyWhatTheTopologySays() {
        SandboxOverrides loose = new SandboxOverrides("bridge", false, "0:0", List.of("CAP_NET_ADMIN"), false,
                Seccomp.UNCONFINED);
        SandboxRequest request = request(loose).withIdentity(new AgentIdentities(Set.of(), 0).identityFor(loose));
        CreateContainerCmd cmd = mapped(HardeningProfile.of(request, PipeMode.UNIX_SOCKET, "h:1:2"));
        HostConfig host = cmd.getHostConfig();
        assertThat(host.getNetworkMode()).isEqualTo("bridge");
        assertThat(cmd.isNetworkDisabled()).isFalse();
        assertThat(host.getReadonlyRootfs()).isFalse();
        assertThat(cmd.getUser()).isEqualTo("0:0");
        assertThat(host.getCapDrop()).containsExactly(Capability.ALL);
        assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN);
        assertThat(host.getSecurityOpts()).containsExactly("seccomp=unconfined");
        // Limits are never loosened by overrides.
        assertThat(host.getMemory()).isEqualTo(96L << 20);
        assertThat(host.getPidsLimit()).isEqualTo(64L);
    }

    @Test
    void theEnginesOwnProfileIsUsedOnlyWhenWrittenOut() {
        SandboxOverrides engine = SandboxOverrides.NONE.withSeccomp(Seccomp.DEFAULT);
        HostConfig host = mapped(HardeningProfile.of(request(engine), PipeMode.UNIX_SOCKET, "h:1:2")).getHostConfig();
        assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges:true");
    }

    @Test
    void strictSeccompShipsAnAllowListThatOnlyPermitsUnixSockets() throws Exception {
        HostConfig host = mapped(HardeningProfile.of(request(SandboxOverrides.NONE), PipeMode.UNIX_SOCKET, "h:1:2"))
                .getHostConfig();
        assertThat(host.getSecurityOpts()).hasSize(2).first().isEqualTo("no-new-privileges:true");
        String json = host.getSecurityOpts().get(1).substring("seccomp=".length());
        JsonNode profile = new ObjectMapper().readTree(json);
        assertThat(profile.path("defaultAction").asText()).isEqualTo("SCMP_ACT_ERRNO");
        List<String> allowed = profile.path("syscalls").findValues("names").stream()
                .flatMap(n -> java.util.stream.StreamSupport.stream(n.spliterator(), false)).map(JsonNode::asText)
                .toList();
        assertThat(allowed).doesNotContain("mount", "ptrace", "unshare", "setns", "bpf", "keyctl", "setuid",
                "chroot", "perf_event_open");
        JsonNode socket = java.util.stream.StreamSupport.stream(profile.path("syscalls").spliterator(), false)
                .filter(s -> s.path("names").get(0).asText().equals("socket")).findFirst().orElseThrow();
        assertThat(socket.path("args").get(0).path("value").asInt()).isEqualTo(1);
    }

    @Test
    void capabilityNamesAcceptTheCapPrefixAndAnyCase() {
        assertThat(HardeningProfile.capabilityName("cap_sys_admin")).isEqualTo("SYS_ADMIN");
        assertThat(HardeningProfile.capabilityName("NET_RAW")).isEqualTo("NET_RAW");
    }
}
