package dev.airlock.plugins.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.runtime.WorkloadIdentities;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.io.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every agent service of every sample carries the whole hardening, reads its identity from the same place as the
 * gate, and shares its socket volume with the gate alone; loosenings need {@code allow-risks} and are then listed.
 */
class ComposeHardeningTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode compose(ExportResult r) throws Exception {
        ExportedFile f = r.files().stream().filter(x -> x.path().equals("docker-compose.yml")).findFirst()
                .orElseThrow();
        return YAML.readTree(f.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.plugins.compose.ComposeGoldenTest#samples")
    void everyAgentIsHardenedAndReachesOnlyTheGate(Path sample) throws Exception {
        Topology t = ComposeGoldenTest.read(sample);
        JsonNode services = compose(ComposeGoldenTest.export(t, Map.of())).get("services");
        for (var a : t.agents()) {
            JsonNode s = services.get(a.id());
            assertThat(s.get("network_mode").asText()).isEqualTo("none");
            assertThat(s.get("read_only").asBoolean()).isTrue();
            assertThat(s.get("cap_drop").toString()).isEqualTo("[\"ALL\"]");
            assertThat(s.has("cap_add")).isFalse();
            assertThat(s.get("security_opt").toString()).contains("no-new-privileges:true")
                    .contains("seccomp=./seccomp/airlock-strict.json");
            assertThat(s.get("user").asText()).isEqualTo(WorkloadIdentities.of(t, a.id()).toString())
                    .isNotEqualTo("0:0");
            var r = a.effectiveResources(t.defaults());
            assertThat(s.get("mem_limit").asLong()).isEqualTo(r.memory().bytes());
            assertThat(s.get("pids_limit").asInt()).isEqualTo(r.pids());
            assertThat(s.get("cpus").asDouble()).isEqualTo(r.cpus());
            assertThat(s.get("tmpfs").get(0).asText()).startsWith("/tmp:");
            String volume = "agent-" + a.id();
            assertThat(s.get("volumes").toString()).isEqualTo("[\"" + volume + ":/run/airlock:nocopy\"]");
            // The agent's volume is mounted by it and the gate, by nobody else.
            List<String> users = new ArrayList<>();
            services.properties().forEach(e -> {
                if (e.getValue().path("volumes").toString().contains("\"" + volume + ":")) {
                    users.add(e.getKey());
                }
            });
            assertThat(users).containsExactlyInAnyOrder("gate", a.id());
        }
        assertThat(services.get("gate").get("user").asText()).isEqualTo(WorkloadIdentities.GATE.toString());
        services.properties().forEach(e -> {
            if (!e.getKey().equals("gate")) {
                assertThat(e.getValue().has("networks")).as(e.getKey()).isFalse();
                assertThat(e.getValue().has("ports")).as(e.getKey()).isFalse();
            }
        });
    }

    @Test
    void theSeccompProfileIsTheOneLocalRunsUse() throws Exception {
        ExportResult r = ComposeGoldenTest.export(ComposeGoldenTest.read(ComposeGoldenTest.ROOT
                .resolve("samples/sql-analyst/sql-analyst.yaml")), Map.of());
        byte[] exported = r.files().stream().filter(f -> f.path().equals("seccomp/airlock-strict.json")).findFirst()
                .orElseThrow().content();
        assertThat(exported).isEqualTo(Files.readAllBytes(ComposeGoldenTest.ROOT
                .resolve("app/sandbox/src/main/resources/dev/airlock/sandbox/seccomp-strict.json")));
    }

    @Test
    void credentialsReachOnlyTheGateAndOnlyAsReferences() throws Exception {
        Topology t = TopologyReader.parse("models.yaml", """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: models}
                models:
                  - {id: gpt, backend: openai, model: m, endpoint: "https://api.example.test/v1",
                     credential: {env: OPENAI_API_KEY}}
                  - {id: local, backend: openai, model: m, endpoint: "https://llm.example.test/v1",
                     credential: {file: /run/secrets/llm-key}}
                agents:
                  - {id: a, image: airlock/agent-java, models: [gpt, local]}
                """.getBytes(StandardCharsets.UTF_8)).topology();
        ExportResult r = new ComposeExporter().export(t, new ExportOptions(Map.of()));
        JsonNode services = compose(r).get("services");
        assertThat(services.get("gate").get("environment").get("OPENAI_API_KEY").asText())
                .isEqualTo("${OPENAI_API_KEY}");
        assertThat(services.get("gate").get("volumes").toString())
                .contains("/run/secrets/llm-key:/run/secrets/llm-key:ro");
        assertThat(services.get("a").toString()).doesNotContain("OPENAI_API_KEY").doesNotContain("llm-key");
        // Egress is the gate's alone, and the export says who enforces what.
        assertThat(services.get("gate").get("networks").toString()).contains("egress");
        assertThat(services.get("a").get("network_mode").asText()).isEqualTo("none");
        assertThat(r.findings()).extracting(f -> f.element()).contains("model:gpt", "model:local");
    }

    private static Topology loosened() {
        return TopologyReader.parse("loose.yaml", """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: loose}
                agents:
                  - id: a
                    image: airlock/agent-java
                    sandbox: {network: bridge, capAdd: [NET_RAW], user: "0"}
                """.getBytes(StandardCharsets.UTF_8)).topology();
    }

    @Test
    void loosenedSandboxesNeedAllowRisksAndAreListed() throws Exception {
        Topology t = loosened();
        assertThatThrownBy(() -> new ComposeExporter().export(t, new ExportOptions(Map.of())))
                .isInstanceOf(ExportException.class).hasMessageContaining("--allow-risks");
        ExportResult r = new ComposeExporter().export(t, new ExportOptions(Map.of("allow-risks", "true")));
        JsonNode a = compose(r).get("services").get("a");
        assertThat(a.get("network_mode").asText()).isEqualTo("bridge");
        assertThat(a.get("cap_add").toString()).contains("NET_RAW");
        assertThat(a.get("user").asText()).isEqualTo("0:0");
        String file = r.files().stream().filter(x -> x.path().equals("docker-compose.yml")).findFirst().orElseThrow()
                .text();
        assertThat(file).contains("# Loosenings exported with --allow-risks:").contains("runs as root")
                .contains("adds capabilities [NET_RAW]").contains("network 'bridge'");
        assertThat(r.findings()).extracting(f -> f.element()).contains("agent:a");
    }
}
