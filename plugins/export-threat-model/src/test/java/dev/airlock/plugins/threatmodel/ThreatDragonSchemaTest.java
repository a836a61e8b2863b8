package dev.airlock.plugins.threatmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample's model validates against OWASP Threat Dragon's published v2 schema, read from the shared anchors
 * next to the project (never copied into it); and the schema is strict enough to catch a broken model.
 */
class ThreatDragonSchemaTest {

    private static final Path ANCHOR = Samples.ROOT.resolve("../shared/anchors/threat-dragon").normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Path file = ANCHOR.resolve("threat-dragon-v2.schema.json");
        assertThat(file).as("the Threat Dragon anchor, see ../shared/anchors/README.md").exists();
        // The schema names no dialect; its keywords are draft-07's, plus OpenAPI's "nullable", which Threat Dragon's
        // own validator (Ajv) honours and draft-07 does not know.
        JsonNode tree = JSON.readTree(file.toFile());
        allowNullWhereNullable(tree);
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(tree);
    }

    /** Ajv's meaning of {@code nullable: true}: null is accepted besides the declared type. */
    private static void allowNullWhereNullable(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("nullable").asBoolean(false) && o.path("type").isTextual()) {
            String type = o.get("type").asText();
            o.putArray("type").add(type).add("null");
        }
        node.forEach(ThreatDragonSchemaTest::allowNullWhereNullable);
    }

    static Stream<Path> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySamplesModelValidates(Path sample) throws IOException {
        JsonNode model = JSON.readTree(Samples.export(Samples.read(sample), "json"));
        List<Error> errors = schema.validate(model);
        assertThat(errors).as(sample.toString()).isEmpty();
    }

    @Test
    void theSchemaAcceptsThreatDragonsOwnDemoAndRejectsAModelWithoutItsDiagrams() throws IOException {
        assertThat(schema.validate(JSON.readTree(ANCHOR.resolve("v2-threat-model.example.json").toFile()))).isEmpty();
        ObjectNode broken = (ObjectNode) JSON.readTree(Samples.export(Samples.read("research-assistant/research-assistant.yaml"), "json"));
        ((ObjectNode) broken.get("detail")).remove("diagrams");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyFlowJoinsTwoCellsOfTheDiagramAndIdsAreUnique(Path sample) throws IOException {
        JsonNode cells = JSON.readTree(Samples.export(Samples.read(sample), "json")).at("/detail/diagrams/0/cells");
        Set<String> ids = new HashSet<>();
        cells.forEach(c -> assertThat(ids.add(c.get("id").asText())).as("unique id " + c.get("id")).isTrue());
        int numbered = 0;
        for (JsonNode c : cells) {
            if (c.get("shape").asText().equals("flow")) {
                assertThat(ids).contains(c.at("/source/cell").asText(), c.at("/target/cell").asText());
            }
            numbered += c.at("/data/threats").size();
        }
        assertThat(JSON.readTree(Samples.export(Samples.read(sample), "json")).at("/detail/threatTop").asInt())
                .isEqualTo(numbered);
    }

    @Test
    void theDiagramUsesTheTopologysLayout() throws IOException {
        JsonNode cells = JSON.readTree(Samples.export(Samples.read("research-assistant/research-assistant.yaml"), "json"))
                .at("/detail/diagrams/0/cells");
        JsonNode researcher = null;
        for (JsonNode c : cells) {
            if (c.at("/data/name").asText().equals("researcher") && c.get("shape").asText().equals("process")) {
                researcher = c;
            }
        }
        assertThat(researcher).isNotNull();
        // research-assistant.yaml: researcher: {x: 460, y: 80}
        assertThat(researcher.at("/position/x").asDouble()).isEqualTo(460);
        assertThat(researcher.at("/position/y").asDouble()).isEqualTo(80);
    }
}
