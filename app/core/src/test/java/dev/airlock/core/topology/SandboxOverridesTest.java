package dev.airlock.core.topology;

import dev.airlock.core.topology.SandboxRisk.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.airlock.core.topology.Components.changed;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxOverridesTest {

    private static List<Kind> kinds(SandboxOverrides s) {
        return s.risks().stream().map(SandboxRisk::kind).toList();
    }

    @Test
    void theHardenedSandboxHasNoRisk() {
        assertThat(SandboxOverrides.NONE.risks()).isEmpty();
        assertThat(Kind.values()).noneMatch(SandboxOverrides.NONE::loosens);
    }

    @Test
    void spellingOutTheHardenedValuesIsNoRisk() {
        SandboxOverrides explicit = SandboxOverrides.NONE.withNetwork("none").withReadOnlyRoot(true)
                .withUser("1000:1000").withNoNewPrivileges(true).withSeccomp(Seccomp.STRICT);
        assertThat(explicit.risks()).isEmpty();
        assertThat(SandboxOverrides.NONE.withUser("1000:1000").risks()).isEmpty();
    }

    @Test
    void eachLooseningIsOneRiskOfItsKind() {
        SandboxOverrides none = SandboxOverrides.NONE;
        assertThat(kinds(none.withNetwork("bridge"))).containsExactly(Kind.NETWORK);
        assertThat(kinds(none.withReadOnlyRoot(false))).containsExactly(Kind.WRITABLE_ROOT);
        assertThat(kinds(none.withUser("0:0"))).containsExactly(Kind.ROOT_USER);
        assertThat(kinds(none.withUser("root"))).containsExactly(Kind.ROOT_USER);
        assertThat(kinds(none.withCapAdd(List.of("NET_ADMIN")))).containsExactly(Kind.CAPABILITIES);
        assertThat(kinds(none.withNoNewPrivileges(false))).containsExactly(Kind.PRIVILEGE_ESCALATION);
        assertThat(kinds(none.withSeccomp(Seccomp.DEFAULT))).containsExactly(Kind.SECCOMP_ENGINE_DEFAULT);
        assertThat(kinds(none.withSeccomp(Seccomp.UNCONFINED))).containsExactly(Kind.SECCOMP_UNCONFINED);
        assertThat(none.withUser("0:0").loosens(Kind.ROOT_USER)).isTrue();
        assertThat(none.withUser("0:0").loosens(Kind.NETWORK)).isFalse();
    }

    @Test
    void everyLooseningTogetherKeepsTheFileOrderAndThePhrases() {
        SandboxOverrides all = new SandboxOverrides("bridge", false, "0", List.of("NET_RAW"), false, Seccomp.UNCONFINED);
        // One seccomp profile at a time: unconfined here, so not the engine's default.
        assertThat(kinds(all)).containsExactlyElementsOf(
                java.util.EnumSet.complementOf(java.util.EnumSet.of(Kind.SECCOMP_ENGINE_DEFAULT)));
        assertThat(all.risks()).map(SandboxRisk::message).containsExactly(
                "network 'bridge' instead of 'none': the agent can reach the network without the gate",
                "writable root filesystem: the agent can alter its own image",
                "runs as root inside the container",
                "adds capabilities [NET_RAW]",
                "allows privilege escalation (no-new-privileges off)",
                "seccomp unconfined: every system call is allowed");
    }

    @Test
    void eachWitherChangesExactlyItsField() {
        SandboxOverrides s = new SandboxOverrides("bridge", false, "0:0", List.of("NET_RAW"), false, Seccomp.STRICT);
        assertThat(changed(s, s.withNetwork("host"))).containsExactly("network");
        assertThat(changed(s, s.withReadOnlyRoot(null))).containsExactly("readOnlyRoot");
        assertThat(changed(s, s.withUser("1:1"))).containsExactly("user");
        assertThat(changed(s, s.withCapAdd(List.of()))).containsExactly("capAdd");
        assertThat(changed(s, s.withNoNewPrivileges(true))).containsExactly("noNewPrivileges");
        assertThat(changed(s, s.withSeccomp(Seccomp.UNCONFINED))).containsExactly("seccomp");
        assertThat(s.withNetwork("host").network()).isEqualTo("host");
        assertThat(s.withSeccomp(null).seccomp()).isNull();
    }

    @Test
    void withersLeaveTheOriginalAlone() {
        SandboxOverrides loosened = SandboxOverrides.NONE.withNetwork("bridge");
        assertThat(SandboxOverrides.NONE.isEmpty()).isTrue();
        assertThat(loosened.isEmpty()).isFalse();
        assertThat(loosened.withNetwork(null).isEmpty()).isTrue();
    }
}
