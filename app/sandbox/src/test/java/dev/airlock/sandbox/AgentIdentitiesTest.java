package dev.airlock.sandbox;

import dev.airlock.core.runtime.AgentIdentity;
import dev.airlock.core.runtime.SandboxException;
import dev.airlock.core.topology.SandboxOverrides;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentIdentitiesTest {

    @Test
    void everyCompartmentGetsItsOwnIdsAndNoneAHostAccountHas() {
        int first = AgentIdentities.FIRST + 7 * AgentIdentities.BLOCK;
        AgentIdentities ids = new AgentIdentities(Set.of(first + 1, first + 2), 7);
        Set<Integer> given = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            AgentIdentity id = ids.identityFor(SandboxOverrides.NONE);
            assertThat(id.gid()).isEqualTo(id.uid());
            assertThat(given.add(id.uid())).as("unique").isTrue();
        }
        assertThat(given).contains(first, first + 3).doesNotContain(first + 1, first + 2);
        assertThat(given).allMatch(uid -> uid >= AgentIdentities.FIRST);
    }

    @Test
    void aNumericOverrideIsUsedAsItIsAndANameIsRefused() {
        AgentIdentities ids = new AgentIdentities(Set.of(), 0);
        assertThat(ids.identityFor(SandboxOverrides.NONE.withUser("1000:100"))).isEqualTo(new AgentIdentity(1000, 100));
        assertThatThrownBy(() -> ids.identityFor(SandboxOverrides.NONE.withUser("node")))
                .isInstanceOf(SandboxException.class).hasMessageContaining("'node' is not a numeric uid");
    }

    @Test
    void readsTheIdsAnAccountFileNames(@TempDir Path dir) throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                # a comment
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                odd:x:1780000000:7::/:/bin/false
                """);
        assertThat(AgentIdentities.ids(passwd, 2)).containsExactlyInAnyOrder(0, 65534, 1_780_000_000);
        assertThat(AgentIdentities.ids(dir.resolve("missing"), 2)).isEmpty();
    }
}
