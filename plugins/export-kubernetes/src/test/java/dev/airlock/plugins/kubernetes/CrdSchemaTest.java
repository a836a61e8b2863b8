package dev.airlock.plugins.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CRD-typed resources ({@code Sandbox}, {@code XBackend}, {@code XAccessPolicy}) validate against the
 * {@code openAPIV3Schema} of the CRDs as their projects publish them, read from {@code ../shared/anchors} next to the
 * repository (never copied into it). Unknown fields are refused, as {@code kubectl apply --validate=strict} does;
 * the CRDs' CEL rules ({@code x-kubernetes-validations}), which no JSON Schema validator runs, are checked by hand
 * in {@link #theCrdsCelRulesAreKnownAndHoldForWhatIsWritten}.
 */
class CrdSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ANCHORS = anchors();
    /** apiVersion + "/" + kind → the schema of that version. */
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    /** {@code -Dairlock.anchors=DIR}, else {@code shared/anchors} beside the repository's root. */
    private static Path anchors() {
        String property = System.getProperty("airlock.anchors");
        return property != null ? Path.of(property) : Samples.ROOT.resolve("../shared/anchors").normalize();
    }

    @BeforeAll
    static void loadCrds() throws IOException {
        boolean present = Files.isDirectory(ANCHORS.resolve("agent-sandbox"))
                && Files.isDirectory(ANCHORS.resolve("kube-agentic-networking"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("the CRD anchors are missing at " + ANCHORS + " (see ../shared/anchors/README.md)");
        }
        assumeTrue(present, "skipped: no CRD anchors at " + ANCHORS + " (set -Dairlock.anchors=DIR)");
        for (String file : List.of("agent-sandbox/agents.x-k8s.io_sandboxes.yaml",
                "kube-agentic-networking/agentic.networking.x-k8s.io_xbackends.yaml",
                "kube-agentic-networking/agentic.networking.x-k8s.io_xaccesspolicies.yaml")) {
            JsonNode crd = YAML.readTree(ANCHORS.resolve(file).toFile());
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                strict(schema);
                SCHEMAS.put(group + "/" + version.path("name").asText() + "/" + kind,
                        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema));
            }
        }
    }

    /**
     * An object schema that lists its properties and neither preserves unknown fields nor declares
     * additionalProperties gets {@code additionalProperties: false}: a misspelt field fails instead of being pruned.
     */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            o.put("additionalProperties", false);
        }
        node.forEach(CrdSchemaTest::strict);
    }

    static List<Object[]> exports() {
        List<Object[]> cases = new ArrayList<>();
        for (Path sample : Samples.all()) {
            cases.add(new Object[]{Samples.name(sample), Samples.export(Samples.read(sample), Map.of(
                    "sandbox", "agent-sandbox", "runtime-class", "gvisor", "agentic-networking", "true"))});
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void everyCrdTypedResourceValidates(String sample, ExportResult result) throws IOException {
        int checked = 0;
        for (JsonNode doc : documents(result)) {
            Schema schema = schemaOf(doc);
            if (schema != null) {
                List<Error> errors = schema.validate(doc);
                assertThat(errors).as(sample + " " + doc.path("kind").asText() + " " + doc.at("/metadata/name"))
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("a Sandbox per agent at least").isGreaterThan(0);
    }

    @Test
    void researchAssistantExportsAnXBackendAndAnXAccessPolicyThatValidate() throws IOException {
        ExportResult result = Samples.export(Samples.read("research-assistant/research-assistant.yaml"),
                Map.of("agentic-networking", "true"));
        List<String> kinds = documents(result).stream().filter(d -> schemaOf(d) != null)
                .map(d -> d.path("kind").asText()).toList();
        assertThat(kinds).containsExactly("XBackend", "XAccessPolicy");
    }

    @Test
    void theSchemasCatchBrokenResources() throws IOException {
        ExportResult result = Samples.export(Samples.read("research-assistant/research-assistant.yaml"),
                Map.of("sandbox", "agent-sandbox", "agentic-networking", "true"));
        for (JsonNode doc : documents(result)) {
            Schema schema = schemaOf(doc);
            if (schema == null) {
                continue;
            }
            ObjectNode bad = doc.deepCopy();
            switch (doc.path("kind").asText()) {
                case "Sandbox" -> ((ObjectNode) bad.get("spec")).remove("podTemplate");
                case "XBackend" -> ((ObjectNode) bad.at("/spec/mcp")).put("port", 70000);
                case "XAccessPolicy" -> ((ObjectNode) bad.get("spec")).put("action", "Deny");
                default -> throw new AssertionError(doc.path("kind").asText());
            }
            assertThat(schema.validate(bad)).as("broken " + doc.path("kind").asText()).isNotEmpty();
            ObjectNode misspelt = doc.deepCopy();
            ((ObjectNode) misspelt.get("spec")).put("podTemplat", "x");
            assertThat(schema.validate(misspelt)).as("unknown field in " + doc.path("kind").asText()).isNotEmpty();
        }
    }

    /**
     * The CEL rules ({@code x-kubernetes-validations}) the schema validator cannot run, by hand: the CRDs must hold
     * exactly the rules known here (a new rule fails this test until it is read and checked), and each one that a
     * created resource meets is checked on what the export writes.
     */
    @Test
    void theCrdsCelRulesAreKnownAndHoldForWhatIsWritten() throws IOException {
        Map<String, List<String>> rules = new HashMap<>();
        for (String[] crd : new String[][]{{"agent-sandbox/agents.x-k8s.io_sandboxes.yaml", "v1beta1"},
                {"kube-agentic-networking/agentic.networking.x-k8s.io_xbackends.yaml", "v0alpha0"},
                {"kube-agentic-networking/agentic.networking.x-k8s.io_xaccesspolicies.yaml", "v1alpha1"}}) {
            JsonNode tree = YAML.readTree(ANCHORS.resolve(crd[0]).toFile());
            for (JsonNode v : tree.at("/spec/versions")) {
                if (v.path("name").asText().equals(crd[1])) {
                    List<String> found = new ArrayList<>();
                    collectRules(v.path("schema"), found);
                    rules.put(tree.at("/spec/names/kind").asText(), found);
                }
            }
        }
        assertThat(rules.get("Sandbox")).singleElement().asString()
                .startsWith("has(self.volumeClaimTemplates) == has(oldSelf.volumeClaimTemplates)");
        assertThat(rules.get("XBackend")).containsExactly(
                "[has(self.serviceName),has(self.hostname)].filter(x,x==true).size() == 1");
        assertThat(rules.get("XAccessPolicy")).hasSize(11)
                .contains("self.action == 'ExternalAuth' ? has(self.externalAuth) : true",
                        "self.all(r, self.filter(x, x.name == r.name).size() == 1)",
                        "self.type == 'CEL' ? has(self.cel) : true",
                        "self.type == 'Inline' ? !has(self.cel) : true",
                        "self.all(ref, ref.kind == self[0].kind)")
                .filteredOn(r -> r.startsWith("has(self.params)")).hasSize(1);

        ExportResult result = Samples.export(Samples.read("research-assistant/research-assistant.yaml"),
                Map.of("sandbox", "agent-sandbox", "agentic-networking", "true"));
        for (JsonNode doc : documents(result)) {
            JsonNode spec = doc.path("spec");
            switch (doc.path("kind").asText()) {
                // The Sandbox rule compares with oldSelf: it holds for every create.
                case "XBackend" -> assertThat(spec.at("/mcp/serviceName").isTextual() ^ spec.at("/mcp/hostname")
                        .isTextual()).as("exactly one of serviceName, hostname").isTrue();
                case "XAccessPolicy" -> {
                    assertThat(spec.path("action").asText()).isEqualTo("Allow");
                    List<String> names = new ArrayList<>();
                    spec.path("rules").forEach(r -> names.add(r.path("name").asText()));
                    assertThat(names).doesNotHaveDuplicates();
                    for (JsonNode r : spec.path("rules")) {
                        JsonNode auth = r.path("authorization");
                        assertThat(auth.path("type").asText()).isEqualTo("Inline");
                        assertThat(auth.has("cel")).isFalse();
                        for (JsonNode m : auth.at("/mcp/methods")) {
                            if (m.path("params").size() > 0) {
                                assertThat(m.path("name").asText()).isIn("prompts/get", "tools/call",
                                        "resources/subscribe", "resources/unsubscribe", "resources/read");
                            }
                        }
                    }
                    List<String> kinds = new ArrayList<>();
                    spec.path("targetRefs").forEach(t -> kinds.add(t.path("kind").asText()));
                    assertThat(kinds).containsOnly(kinds.getFirst());
                }
                default -> { }
            }
        }
    }

    private static void collectRules(JsonNode node, List<String> into) {
        node.path("x-kubernetes-validations").forEach(v -> into.add(v.path("rule").asText()));
        node.forEach(child -> collectRules(child, into));
    }

    private static Schema schemaOf(JsonNode doc) {
        return SCHEMAS.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
    }

    private static List<JsonNode> documents(ExportResult result) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (ExportedFile f : result.files()) {
            if (f.path().endsWith(".yaml")) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(f.text())) {
                    all.addAll(docs.readAll());
                }
            }
        }
        return all;
    }
}
