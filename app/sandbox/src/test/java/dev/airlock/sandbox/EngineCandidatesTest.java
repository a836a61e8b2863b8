package dev.airlock.sandbox;

import com.github.dockerjava.api.model.Info;
import dev.airlock.core.runtime.EngineUnavailableException;
import dev.airlock.core.runtime.PipeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineCandidatesTest {

    @Test
    void explicitHostIsTheOnlyCandidate(@TempDir Path home) {
        var list = new EngineCandidates(Map.of("DOCKER_HOST", "unix:///custom.sock"), home).list();
        assertThat(list).extracting(EngineCandidates.Candidate::host).containsExactly("unix:///custom.sock");
    }

    @Test
    void withoutDockerHostTheUsualSocketsAreTried(@TempDir Path home) {
        var list = new EngineCandidates(Map.of("XDG_RUNTIME_DIR", "/run/user/7"), home).list();
        assertThat(list).extracting(EngineCandidates.Candidate::host).contains(
                "unix:///var/run/docker.sock",
                "unix://" + home.resolve(".docker/run/docker.sock"),
                "unix:///run/user/7/docker.sock",
                "unix:///run/user/7/podman/podman.sock",
                "unix:///run/podman/podman.sock");
    }

    @Test
    void currentDockerContextIsReadFromConfigAndMeta(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\":\"colima\"}");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("colima".getBytes(StandardCharsets.UTF_8)));
        Path meta = home.resolve(".docker/contexts/meta/" + digest);
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"colima\",\"Endpoints\":{\"docker\":{\"Host\":\"unix:///ctx.sock\"}}}");
        var list = new EngineCandidates(Map.of(), home).list();
        assertThat(list.get(0).host()).isEqualTo("unix:///ctx.sock");
        assertThat(list.get(0).source()).contains("docker context 'colima'");
    }

    @Test
    void noEngineGivesOneMessageListingEveryPlaceTried(@TempDir Path home) {
        var candidates = new EngineCandidates(Map.of("XDG_RUNTIME_DIR", home.toString()), home)
                .list().stream().filter(c -> c.host().contains(home.toString())).toList();
        assertThatThrownBy(() -> DockerEngine.discover(candidates, null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("no container engine answered")
                .hasMessageContaining(home.resolve("docker.sock") + " (rootless Docker)")
                .hasMessageContaining("Docker Desktop per-user socket")
                .hasMessageContaining("set DOCKER_HOST");
    }

    @Test
    void unixSocketsOnlyWhenTheEngineSharesThisKernel() {
        String kernel = System.getProperty("os.version");
        boolean linux = System.getProperty("os.name").toLowerCase().contains("linux");
        assertThat(DockerEngine.pipeMode("unix:///var/run/docker.sock", kernel, "Debian GNU/Linux 12", null, true))
                .isEqualTo(linux ? PipeMode.UNIX_SOCKET : PipeMode.ATTACHED_STDIO);
        assertThat(DockerEngine.pipeMode("unix:///x.sock", "6.10.14-linuxkit", "Docker Desktop", null, true))
                .isEqualTo(PipeMode.ATTACHED_STDIO);
        assertThat(DockerEngine.pipeMode("tcp://127.0.0.1:2375", kernel, "Debian", null, true))
                .isEqualTo(PipeMode.ATTACHED_STDIO);
        assertThat(DockerEngine.pipeMode("unix:///x.sock", kernel, "Debian", "stdio", true))
                .isEqualTo(PipeMode.ATTACHED_STDIO);
    }

    @Test
    void noUnixSocketsWhereTheyCannotBelongToTheAgentAlone() {
        String kernel = System.getProperty("os.version");
        assertThat(DockerEngine.pipeMode("unix:///var/run/docker.sock", kernel, "Debian GNU/Linux 12", null, false))
                .isEqualTo(PipeMode.ATTACHED_STDIO);
        Info remapped = new Info().withSecurityOptions(List.of("name=seccomp,profile=builtin", "name=userns"));
        assertThat(DockerEngine.perAgentSockets(remapped)).isFalse();
        Info rootless = new Info().withSecurityOptions(List.of("name=rootless"));
        assertThat(DockerEngine.perAgentSockets(rootless)).isFalse();
    }
}
