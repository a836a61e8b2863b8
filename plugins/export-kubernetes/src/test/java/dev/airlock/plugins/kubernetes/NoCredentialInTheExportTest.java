package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.topology.CredentialRef;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A topology whose models hold real credentials (one from the environment, one from a file) exports references to
 * a Secret and never a value: every byte of every file, in every mode, is searched for both values.
 */
class NoCredentialInTheExportTest {

    private static final String ENV = "AIRLOCK_K8S_TEST_MODEL_KEY";

    @Test
    void noCredentialValueReachesAnyFile(@TempDir Path dir) throws IOException {
        String fromEnv = System.getenv(ENV);
        assertThat(fromEnv).as("the surefire configuration sets " + ENV).isNotBlank();
        Path keyFile = dir.resolve("anthropic.key");
        String fromFile = "sk-file-" + Long.toHexString(System.nanoTime()) + "-credential";
        Files.writeString(keyFile, fromFile);

        Topology base = Samples.read("research-assistant/research-assistant.yaml");
        List<ModelSpec> models = new ArrayList<>(base.models());
        models.add(new ModelSpec("remote", "openai", "gpt-4o", "https://api.openai.example/v1",
                CredentialRef.fromEnv(ENV), Map.of()));
        models.add(new ModelSpec("other", "anthropic", "claude", "https://api.anthropic.example",
                CredentialRef.fromFile(keyFile.toString()), Map.of()));
        Topology t = base.withModels(models);

        for (Map<String, String> options : List.of(Map.<String, String>of(), Map.of("sandbox", "agent-sandbox",
                "agentic-networking", "true"))) {
            ExportResult result = Samples.export(t, options);
            for (ExportedFile f : result.files()) {
                String text = new String(f.content(), StandardCharsets.UTF_8);
                assertThat(text).as(f.path()).doesNotContain(fromEnv).doesNotContain(fromFile);
            }
            JsonNode gate = Manifests.ofKind(result, "Deployment").stream()
                    .filter(d -> d.at("/metadata/name").asString().equals(Names.GATE)).findFirst().orElseThrow();
            JsonNode env = gate.at("/spec/template/spec/containers/0/env/0");
            assertThat(env.path("name").asString()).isEqualTo(ENV);
            assertThat(env.has("value")).isFalse();
            assertThat(env.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo(Names.CREDENTIALS_SECRET);
            JsonNode mount = gate.at("/spec/template/spec/containers/0/volumeMounts/2");
            assertThat(mount.path("mountPath").asString()).isEqualTo(keyFile.toString());
            assertThat(mount.path("subPath").asString()).isEqualTo("other");
            assertThat(Manifests.ofKind(result, "Secret")).as("the user creates the Secret").isEmpty();
        }
    }
}
