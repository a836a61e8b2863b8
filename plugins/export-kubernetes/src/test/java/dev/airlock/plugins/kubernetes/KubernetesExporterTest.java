package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportException;
import dev.airlock.core.export.ExportOptions;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import dev.airlock.core.export.Exporters;
import dev.airlock.core.topology.BuildSpec;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Options, refusals and the contract's fixed names, through the exporter as the catalog finds it. */
class KubernetesExporterTest {

    private static final Topology RESEARCH = Samples.read("research-assistant/research-assistant.yaml");

    @Test
    void theCatalogFindsItAsADirectoryExporter() {
        assertThat(Exporters.byId("kubernetes")).get().satisfies(e -> assertThat(e.formats()).isEmpty());
    }

    @Test
    void aLoosenedSandboxIsRefusedWithoutAllowRisksInOneLine() {
        Topology loosened = loosen(RESEARCH, "researcher", SandboxOverrides.NONE.withNetwork("bridge")
                .withCapAdd(List.of("NET_ADMIN")));
        assertThatThrownBy(() -> new KubernetesExporter().export(loosened, new ExportOptions(Map.of())))
                .isInstanceOf(ExportException.class)
                .hasMessageContaining("agent 'researcher': network 'bridge'")
                .hasMessageContaining("and 1 more")
                .hasMessageContaining("allow-risks")
                .hasMessageNotContaining("\n");
    }

    @Test
    void withAllowRisksEachLooseningIsInACommentAndTheFindings() {
        Topology loosened = loosen(RESEARCH, "researcher", SandboxOverrides.NONE.withNetwork("bridge")
                .withReadOnlyRoot(false));
        ExportResult result = Samples.export(loosened, Map.of("allow-risks", "true"));
        String agent = file(result, "agents/researcher.yaml");
        assertThat(agent).contains("# RISK allowed with allow-risks: network 'bridge'")
                .contains("# RISK allowed with allow-risks: writable root filesystem")
                .contains("readOnlyRootFilesystem: false");
        assertThat(file(result, "network-policies.yaml")).contains("name: agent-researcher-network");
        assertThat(result.findings()).extracting(f -> f.element() + " " + f.text())
                .anyMatch(s -> s.startsWith("agent:researcher risk allowed: network 'bridge'"))
                .anyMatch(s -> s.startsWith("agent:researcher risk allowed: writable root"));
        assertThat(file(result, "README.md")).contains("## Risks allowed").contains("network 'bridge'");
    }

    @Test
    void theGateIsAsTheContractNamesIt() {
        ExportResult result = Samples.export(RESEARCH, Map.of("namespace", "team-a"));
        JsonNode gate = Manifests.ofKind(result, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asString().equals("airlock-gate")).findFirst().orElseThrow();
        List<String> args = gate.at("/spec/template/spec/containers/0/args").valueStream().map(JsonNode::asString)
                .toList();
        assertThat(args).containsExactly("gate", "--topology", "/etc/airlock/topology.yaml", "--listen",
                "tcp://0.0.0.0:7070", "--k8s-audience", "airlock-gate", "--k8s-namespace", "team-a",
                "--k8s-jwks", "/etc/airlock/jwks/jwks.json");
        assertThat(gate.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("airlock/gate:latest");
        JsonNode service = Manifests.ofKind(result, "Service").getFirst();
        assertThat(service.at("/metadata/name").asString()).isEqualTo("airlock-gate");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(7070);
        List<JsonNode> configMaps = Manifests.ofKind(result, "ConfigMap");
        assertThat(configMaps).extracting(c -> c.at("/metadata/name").asString())
                .containsExactly("airlock-policy", "airlock-jwks");
        assertThat(configMaps.get(0).at("/data/topology.yaml").asString()).contains("name: research-assistant");
        assertThat(configMaps.get(1).at("/data/jwks.json").asString().trim()).isEqualTo("{\"keys\":[]}");
        assertThat(Manifests.ofKind(result, "Namespace").getFirst().at("/metadata/name").asString())
                .isEqualTo("team-a");
    }

    @Test
    void eachAgentHasItsServiceAccountAndProjectedTokenForTheGate() {
        ExportResult result = Samples.export(RESEARCH, Map.of());
        for (JsonNode template : Manifests.podTemplates(result)) {
            String agent = template.at("/metadata/labels").path("airlock.dev/agent").asString("");
            if (agent.isEmpty()) {
                continue;
            }
            JsonNode spec = template.path("spec");
            assertThat(spec.path("serviceAccountName").asString()).isEqualTo("agent-" + agent);
            assertThat(spec.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            JsonNode token = spec.at("/volumes/1/projected/sources/0/serviceAccountToken");
            assertThat(token.path("audience").asString()).isEqualTo("airlock-gate");
            assertThat(token.path("expirationSeconds").asLong()).isEqualTo(600);
            assertThat(token.path("path").asString()).isEqualTo("token");
            assertThat(spec.at("/containers/0/env").toString())
                    .contains("{\"name\":\"AIRLOCK_GATE\",\"value\":\"tcp://airlock-gate:7070\"}")
                    .contains("{\"name\":\"AIRLOCK_TOKEN_FILE\",\"value\":\"/var/run/secrets/airlock/token\"}");
        }
        assertThat(Manifests.ofKind(result, "ServiceAccount")).extracting(s -> s.at("/metadata/name").asString())
                .containsExactly("airlock-gate", "agent-planner", "agent-researcher", "agent-writer");
    }

    @Test
    void badOptionsAreRefusedInOneLine() {
        assertThatThrownBy(() -> new KubernetesExporter().export(RESEARCH, new ExportOptions(Map.of("sandbox", "vm"))))
                .hasMessage("unknown sandbox 'vm'; use deployment or agent-sandbox");
        assertThatThrownBy(() -> new KubernetesExporter().export(RESEARCH,
                new ExportOptions(Map.of("runtime-class", "runc")))).hasMessage("unknown runtime class 'runc'; use gvisor or kata");
        assertThatThrownBy(() -> new KubernetesExporter().export(RESEARCH,
                new ExportOptions(Map.of("namespace", "Team_A")))).hasMessageStartingWith("namespace 'Team_A' is not");
        assertThatThrownBy(() -> new KubernetesExporter().export(RESEARCH, new ExportOptions(Map.of("format", "json"))))
                .hasMessageStartingWith("the kubernetes export has no option 'format'");
    }

    @Test
    void anAddressInAnAllowlistBecomesACidrAndAHostNameIsLeftToTheGate() {
        ExportResult result = Samples.export(RESEARCH.withTools(RESEARCH.tools().stream()
                .map(t -> t.id().equals("web") ? t.withAllowedHosts(List.of("docs.airlock.test", "127.0.0.9:8080"))
                        : t).toList()), Map.of());
        String policies = file(result, "network-policies.yaml");
        assertThat(policies).contains("cidr: 127.0.0.9/32").contains("port: 8080")
                .contains("# tool:web: docs.airlock.test");
        assertThat(result.findings()).anyMatch(f -> f.element().equals("tool:web")
                && f.text().contains("'docs.airlock.test' is enforced by the gate only"));
    }

    @Test
    void anAgentBuiltLocallyNamesTheImageToPushAndSaysSo() {
        Topology built = RESEARCH.withAgents(RESEARCH.agents().stream().map(a -> a.id().equals("writer")
                ? a.withImage(null).withBuild(new BuildSpec("airlock/agent-java", "build/writer.jar")) : a).toList());
        ExportResult result = Samples.export(built, Map.of());
        assertThat(file(result, "agents/writer.yaml")).contains("image: airlock/agent-writer:latest");
        assertThat(result.findings()).anyMatch(f -> f.element().equals("agent:writer")
                && f.text().equals("built locally from build/writer.jar on airlock/agent-java: build and push that"
                + " image as airlock/agent-writer:latest (or change the manifest)"));
    }

    @Test
    void withAgenticNetworkingOnlyTheGateReachesAnMcpServer() {
        ExportResult result = Samples.export(RESEARCH, Map.of("agentic-networking", "true"));
        List<JsonNode> policies = Manifests.ofKind(result, "NetworkPolicy");
        JsonNode in = policies.stream().filter(p -> p.at("/metadata/name").asString().equals("tool-mailer-from-gate"))
                .findFirst().orElseThrow();
        assertThat(in.at("/spec/podSelector/matchLabels/airlock.dev~1tool").asString()).isEqualTo("mailer");
        assertThat(in.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1component").asString())
                .isEqualTo("gate");
        assertThat(in.at("/spec/ingress/0/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(policies).anyMatch(p -> p.at("/metadata/name").asString().equals("gate-to-tool-mailer"));
        JsonNode access = Manifests.ofKind(result, "XAccessPolicy").getFirst();
        assertThat(access.at("/spec/rules/0/source/serviceAccount/name").asString()).isEqualTo("airlock-gate");
        assertThat(access.at("/spec/rules/0/authorization/mcp/methods/0/params/0").asString()).isEqualTo("send_email");
    }

    @Test
    void aFunctionNameTheAccessPolicyCannotListLeavesTheFunctionsToTheGateAndSaysSo() {
        String longName = "send_email_to_a_distribution_list";
        Topology t = RESEARCH.withAgents(RESEARCH.agents().stream().map(a -> a.id().equals("writer")
                ? a.withTools(List.of("mailer/send_email", "mailer/" + longName)) : a).toList());
        ExportResult result = Samples.export(t, Map.of("agentic-networking", "true"));
        JsonNode method = Manifests.ofKind(result, "XAccessPolicy").getFirst().at("/spec/rules/0/authorization/mcp/methods/0");
        assertThat(method.path("name").asString()).isEqualTo("tools/call");
        assertThat(method.has("params")).isFalse();
        assertThat(file(result, "agentic-networking.yaml"))
                .contains("# The CRD lists at most 10 function names of at most 20 characters")
                .contains("#   agent writer: mailer/send_email, mailer/" + longName);
    }

    @Test
    void theDefaultNamespaceIsMadeAKubernetesNameFromAnyTopologyName() {
        assertThat(KubernetesOptions.defaultNamespace("research-assistant")).isEqualTo("airlock-research-assistant");
        assertThat(KubernetesOptions.defaultNamespace("My_Team.Pipeline")).isEqualTo("airlock-my-team-pipeline");
        assertThat(KubernetesOptions.defaultNamespace("x".repeat(70) + "-")).hasSize(63).matches("airlock-x+");
        ExportResult result = Samples.export(RESEARCH.withDescription("Team_A", ""), Map.of());
        assertThat(Manifests.ofKind(result, "Namespace").getFirst().at("/metadata/name").asString())
                .isEqualTo("airlock-team-a");
        assertThat(Names.labelValue("Team A / pipeline!")).isEqualTo("Team-A-pipeline");
        assertThat(Names.labelValue("--")).isEqualTo("topology");
    }

    private static Topology loosen(Topology t, String agent, SandboxOverrides o) {
        return t.withAgents(t.agents().stream().map(a -> a.id().equals(agent) ? a.withSandbox(o) : a).toList());
    }

    private static String file(ExportResult result, String path) {
        return result.files().stream().filter(f -> f.path().equals(path)).findFirst().map(ExportedFile::text)
                .orElseThrow(() -> new AssertionError("no " + path));
    }
}
