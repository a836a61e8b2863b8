package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportResult;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pod template the export writes (the gate's and each agent's, as Deployment or Sandbox) meets each control
 * of the Pod Security Standards' {@code restricted} profile; and each control, checked on its own, catches a
 * manifest that breaks it.
 */
class PodSecurityRestrictedTest {

    static Stream<Arguments> samplesAndModes() {
        List<Arguments> cases = new ArrayList<>();
        for (Path sample : Samples.all()) {
            cases.add(Arguments.of(sample, Map.of()));
            cases.add(Arguments.of(sample, Map.of("sandbox", "agent-sandbox", "runtime-class", "kata")));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesAndModes")
    void everyPodTemplateMeetsEveryRestrictedControl(Path sample, Map<String, String> options) {
        Topology t = Samples.read(sample);
        ExportResult result = Samples.export(t, options);
        List<JsonNode> templates = Manifests.podTemplates(result);
        assertThat(templates).as("the gate's and every agent's").hasSize(t.agents().size() + 1);
        for (JsonNode template : templates) {
            for (RestrictedProfile.Control c : RestrictedProfile.CONTROLS) {
                assertThat(c.violations(template)).as(c.name() + " in " + template.at("/metadata/labels")).isEmpty();
            }
        }
        JsonNode ns = Manifests.ofKind(result, "Namespace").getFirst().at("/metadata/labels");
        for (String mode : List.of("enforce", "audit", "warn")) {
            assertThat(ns.path("pod-security.kubernetes.io/" + mode).asString()).isEqualTo("restricted");
        }
    }

    /** For each control, one way to break it; applied to a good template, only that breakage is asked about. */
    static Stream<Arguments> breakages() {
        return Stream.of(
                Arguments.of("HostProcess", (Consumer<ObjectNode>) t -> container(t).putObject("securityContext")
                        .putObject("windowsOptions").put("hostProcess", true)),
                Arguments.of("Host Namespaces", (Consumer<ObjectNode>) t -> spec(t).put("hostPID", true)),
                Arguments.of("Privileged Containers", (Consumer<ObjectNode>) t -> sc(t).put("privileged", true)),
                Arguments.of("Capabilities (baseline)", (Consumer<ObjectNode>) t -> caps(t).putArray("add")
                        .add("SYS_ADMIN")),
                Arguments.of("HostPath Volumes", (Consumer<ObjectNode>) t -> spec(t).withArray("volumes").addObject()
                        .put("name", "host").putObject("hostPath").put("path", "/")),
                Arguments.of("Host Ports", (Consumer<ObjectNode>) t -> container(t).withArray("ports").addObject()
                        .put("containerPort", 80).put("hostPort", 80)),
                Arguments.of("AppArmor", (Consumer<ObjectNode>) t -> sc(t).putObject("appArmorProfile")
                        .put("type", "Unconfined")),
                Arguments.of("SELinux", (Consumer<ObjectNode>) t -> sc(t).putObject("seLinuxOptions")
                        .put("type", "spc_t")),
                Arguments.of("/proc Mount Type", (Consumer<ObjectNode>) t -> sc(t).put("procMount", "Unmasked")),
                Arguments.of("Seccomp (baseline)", (Consumer<ObjectNode>) t -> sc(t).putObject("seccompProfile")
                        .put("type", "Unconfined")),
                Arguments.of("Sysctls", (Consumer<ObjectNode>) t -> podSc(t).withArray("sysctls").addObject()
                        .put("name", "kernel.msgmax").put("value", "65536")),
                Arguments.of("Volume Types", (Consumer<ObjectNode>) t -> spec(t).withArray("volumes").addObject()
                        .put("name", "nfs").putObject("nfs").put("server", "127.0.0.1").put("path", "/")),
                Arguments.of("Privilege Escalation", (Consumer<ObjectNode>) t -> sc(t).remove("allowPrivilegeEscalation")),
                Arguments.of("Running as Non-root", (Consumer<ObjectNode>) t -> sc(t).put("runAsNonRoot", false)),
                Arguments.of("Running as Non-root user", (Consumer<ObjectNode>) t -> sc(t).put("runAsUser", 0)),
                Arguments.of("Seccomp (restricted)", (Consumer<ObjectNode>) t -> {
                    podSc(t).remove("seccompProfile");
                    sc(t).remove("seccompProfile");
                }),
                Arguments.of("Capabilities (restricted)", (Consumer<ObjectNode>) t -> caps(t).remove("drop")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakages")
    void eachControlCatchesAManifestThatBreaksIt(String control, Consumer<ObjectNode> breakIt) {
        RestrictedProfile.Control c = RestrictedProfile.CONTROLS.stream().filter(x -> x.name().equals(control))
                .findFirst().orElseThrow();
        List<JsonNode> templates = Manifests.podTemplates(
                Samples.export(Samples.read("research-assistant/research-assistant.yaml"), Map.of()));
        for (JsonNode good : templates) {
            ObjectNode bad = (ObjectNode) good.deepCopy();
            breakIt.accept(bad);
            assertThat(c.violations(good)).isEmpty();
            assertThat(c.violations(bad)).as(control).isNotEmpty();
        }
    }

    @Test
    void everyPublishedControlIsChecked() {
        assertThat(RestrictedProfile.CONTROLS).extracting(RestrictedProfile.Control::name)
                .containsExactlyInAnyOrderElementsOf(breakages().map(a -> (String) a.get()[0]).toList());
    }

    @Test
    void aRootAgentExportedWithAllowRisksFailsRestrictedAndLowersEnforceToBaseline() {
        Topology t = Samples.read("research-assistant/research-assistant.yaml");
        Topology loosened = t.withAgents(t.agents().stream()
                .map(a -> a.id().equals("writer") ? a.withSandbox(SandboxOverrides.NONE.withUser("0")) : a).toList());
        ExportResult result = Samples.export(loosened, Map.of("allow-risks", "true"));
        JsonNode writer = Manifests.podTemplates(result).stream()
                .filter(p -> p.at("/metadata/labels").path("airlock.dev/agent").asString().equals("writer"))
                .findFirst().orElseThrow();
        assertThat(RestrictedProfile.violations(writer)).anyMatch(v -> v.startsWith("Running as Non-root"));
        JsonNode ns = Manifests.ofKind(result, "Namespace").getFirst().at("/metadata/labels");
        assertThat(ns.path("pod-security.kubernetes.io/enforce").asString()).isEqualTo("baseline");
        assertThat(ns.path("pod-security.kubernetes.io/warn").asString()).isEqualTo("restricted");
    }

    private static ObjectNode spec(ObjectNode t) {
        return (ObjectNode) t.get("spec");
    }

    private static ObjectNode podSc(ObjectNode t) {
        return (ObjectNode) spec(t).get("securityContext");
    }

    private static ObjectNode container(ObjectNode t) {
        return (ObjectNode) spec(t).get("containers").get(0);
    }

    private static ObjectNode sc(ObjectNode t) {
        return (ObjectNode) container(t).get("securityContext");
    }

    private static ObjectNode caps(ObjectNode t) {
        return (ObjectNode) sc(t).get("capabilities");
    }
}
