package dev.airlock.core.topology.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema accepts every sample and names exactly the fields the reader knows. */
class SchemaTest {

    private static final Path SCHEMA = Samples.root().resolve("schema/topology.schema.json");

    private static JsonNode schemaTree() throws IOException {
        return new ObjectMapper().readTree(SCHEMA.toFile());
    }

    @Test
    void everySampleMatchesTheSchema() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
        List<Path> samples = Samples.topologies();
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            List<Error> errors = schema.validate(new YAMLMapper().readTree(sample.toFile()));
            assertThat(errors).as(sample.toString()).isEmpty();
        }
    }

    @Test
    void schemaRejectsWhatTheReaderRejects() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
        JsonNode bad = new YAMLMapper().readTree("""
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                agents: [{id: a, imgae: x}]
                """);
        assertThat(schema.validate(bad)).isNotEmpty();
    }

    @Test
    void schemaTakesAllowEntriesAsTheReaderDoes() throws IOException {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree());
        String head = """
                apiVersion: airlock.dev/v1alpha1
                kind: Topology
                metadata: {name: t}
                tools:
                  - id: web
                    type: http.fetch
                """;
        YAMLMapper yaml = new YAMLMapper();
        assertThat(schema.validate(yaml.readTree(head + """
                    allow: [docs.example, {host: a.example, paths: [/guide/**], query: none}, {host: b.example, query: [q]}]
                """))).isEmpty();
        assertThat(schema.validate(yaml.readTree(head + "    allow: [{host: a.example, paths: [guide/**]}]\n"))).isNotEmpty();
        assertThat(schema.validate(yaml.readTree(head + "    allow: [{host: a.example, query: some}]\n"))).isNotEmpty();
        assertThat(schema.validate(yaml.readTree(head + "    allow: [{host: a.example, path: [/x]}]\n"))).isNotEmpty();
    }

    @Test
    void schemaAndReaderKnowTheSameFields() throws IOException {
        JsonNode root = schemaTree();
        JsonNode defs = root.get("$defs");
        Map<String, JsonNode> objects = Map.ofEntries(
                Map.entry("top", root),
                Map.entry("metadata", root.at("/properties/metadata")),
                Map.entry("user", root.at("/properties/user")),
                Map.entry("defaults", root.at("/properties/defaults")),
                Map.entry("resources", defs.get("resources")),
                Map.entry("rate", defs.get("rate")),
                Map.entry("model", defs.get("model")),
                Map.entry("credential", defs.at("/model/properties/credential")),
                Map.entry("tool", defs.get("tool")),
                Map.entry("agent", defs.get("agent")),
                Map.entry("build", defs.at("/agent/properties/build")),
                Map.entry("sandbox", defs.at("/agent/properties/sandbox")),
                Map.entry("restart", defs.at("/agent/properties/restart/oneOf/1")),
                Map.entry("pipe", defs.get("pipe")),
                Map.entry("guardrail", defs.get("guardrail")),
                Map.entry("position", defs.get("position")),
                Map.entry("allow", defs.at("/allowEntry/oneOf/1")));
        Map<String, List<String>> reader = Map.ofEntries(
                Map.entry("top", TopologyReader.TOP), Map.entry("metadata", TopologyReader.METADATA),
                Map.entry("user", TopologyReader.USER), Map.entry("defaults", TopologyReader.DEFAULTS),
                Map.entry("resources", TopologyReader.RESOURCES), Map.entry("rate", TopologyReader.RATE),
                Map.entry("model", TopologyReader.MODEL), Map.entry("credential", TopologyReader.CREDENTIAL),
                Map.entry("tool", TopologyReader.TOOL), Map.entry("agent", TopologyReader.AGENT),
                Map.entry("build", TopologyReader.BUILD), Map.entry("sandbox", TopologyReader.SANDBOX),
                Map.entry("restart", TopologyReader.RESTART), Map.entry("pipe", TopologyReader.PIPE),
                Map.entry("guardrail", TopologyReader.GUARDRAIL), Map.entry("position", TopologyReader.POSITION),
                Map.entry("allow", TopologyReader.ALLOW));
        for (var e : objects.entrySet()) {
            List<String> inSchema = new ArrayList<>();
            e.getValue().get("properties").fieldNames().forEachRemaining(inSchema::add);
            assertThat(inSchema).as(e.getKey()).containsExactlyInAnyOrderElementsOf(reader.get(e.getKey()));
            assertThat(e.getValue().get("additionalProperties").asBoolean(true)).as(e.getKey() + " is closed").isFalse();
        }
    }
}
