package dev.airlock.core.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.airlock.core.topology.Components.changed;
import static org.assertj.core.api.Assertions.assertThat;

/** Each wither returns a copy that differs from the original in exactly the field it names, set to the argument. */
class SpecWithersTest {

    @Test
    void resources() {
        Resources r = Resources.DEFAULT;
        assertThat(changed(r, r.withMemory(ByteSize.ofMebibytes(64)))).containsExactly("memory");
        assertThat(changed(r, r.withCpus(0.5))).containsExactly("cpus");
        assertThat(changed(r, r.withPids(8))).containsExactly("pids");
        assertThat(changed(r, r.withTmpfs(ByteSize.ofMebibytes(1)))).containsExactly("tmpfs");
        assertThat(r.withPids(8).pids()).isEqualTo(8);
        assertThat(Resources.UNSET.withCpus(2)).isEqualTo(new Resources(null, 2, 0, null));
        assertThat(Resources.DEFAULT.overlay(Resources.UNSET)).isEqualTo(Resources.DEFAULT);
    }

    @Test
    void agent() {
        AgentSpec a = AgentSpec.named("a");
        assertThat(changed(a, a.withId("b"))).containsExactly("id");
        assertThat(changed(a, a.withDescription("d"))).containsExactly("description");
        assertThat(changed(a, a.withImage("i"))).containsExactly("image");
        assertThat(changed(a, a.withBuild(new BuildSpec(null, "agents/a")))).containsExactly("build");
        assertThat(changed(a, a.withCommand(List.of("run")))).containsExactly("command");
        assertThat(changed(a, a.withEnv(Map.of("K", "v")))).containsExactly("env");
        assertThat(changed(a, a.withResources(Resources.UNSET))).containsExactly("resources");
        assertThat(changed(a, a.withModels(List.of("m")))).containsExactly("models");
        assertThat(changed(a, a.withTools(List.of("t")))).containsExactly("tools");
        assertThat(changed(a, a.withSandbox(SandboxOverrides.NONE.withUser("0")))).containsExactly("sandbox");
        assertThat(changed(a, a.withRestart(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3))))
                .containsExactly("restart");
        assertThat(a.withTools(List.of("t")).tools()).containsExactly("t");
    }

    @Test
    void tool() {
        ToolSpec t = ToolSpec.of("t", ToolType.HTTP_FETCH);
        assertThat(changed(t, t.withId("u"))).containsExactly("id");
        assertThat(changed(t, t.withDescription("d"))).containsExactly("description");
        assertThat(changed(t, t.withType(ToolType.MCP))).containsExactly("type");
        assertThat(changed(t, t.withImage("i"))).containsExactly("image");
        assertThat(changed(t, t.withCommand(List.of("serve")))).containsExactly("command");
        assertThat(changed(t, t.withAllow(List.of(AllowEntry.host("a.example"))))).containsExactly("allow");
        assertThat(changed(t, t.withApproval(ToolSpec.Approval.REQUIRED))).containsExactly("approval");
        assertThat(changed(t, t.withTraits(Set.of(ToolTrait.PRIVATE_DATA)))).containsExactly("traits");
    }

    @Test
    void model() {
        ModelSpec m = ModelSpec.scripted("m");
        assertThat(changed(m, m.withId("n"))).containsExactly("id");
        assertThat(changed(m, m.withBackend("ollama"))).containsExactly("backend");
        assertThat(changed(m, m.withModel("llama3"))).containsExactly("model");
        assertThat(changed(m, m.withEndpoint("http://localhost:11434"))).containsExactly("endpoint");
    }

    @Test
    void user() {
        UserSpec u = UserSpec.DEFAULT;
        assertThat(changed(u, u.withId("alice"))).containsExactly("id");
        assertThat(changed(u, u.withDisplayName("Alice"))).containsExactly("displayName");
    }

    @Test
    void rate() {
        Rate r = Rate.DEFAULT;
        assertThat(changed(r, r.withPerSecond(1))).containsExactly("perSecond");
        assertThat(changed(r, r.withBurst(1))).containsExactly("burst");
    }
}
