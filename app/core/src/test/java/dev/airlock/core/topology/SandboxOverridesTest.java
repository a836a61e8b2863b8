package dev.airlock.core.topology;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.airlock.core.topology.Components.changed;
import static org.assertj.core.api.Assertions.assertThat;

class SandboxOverridesTest {

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
