package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.List;

/** The YAML documents of an export read back as trees, as kubectl would see them. */
final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    static List<JsonNode> documents(ExportResult result) {
        List<JsonNode> all = new ArrayList<>();
        for (ExportedFile f : result.files()) {
            if (f.path().endsWith(".yaml") && !f.path().equals("kustomization.yaml")) {
                try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(f.text())) {
                    docs.forEachRemaining(all::add);
                }
            }
        }
        return all;
    }

    static List<JsonNode> ofKind(ExportResult result, String kind) {
        return documents(result).stream().filter(d -> d.path("kind").asString().equals(kind)).toList();
    }

    /** Every pod template: a Deployment's {@code spec.template}, a Sandbox's {@code spec.podTemplate}. */
    static List<JsonNode> podTemplates(ExportResult result) {
        List<JsonNode> templates = new ArrayList<>();
        for (JsonNode d : documents(result)) {
            switch (d.path("kind").asString()) {
                case "Deployment" -> templates.add(d.at("/spec/template"));
                case "Sandbox" -> templates.add(d.at("/spec/podTemplate"));
                default -> { }
            }
        }
        return templates;
    }
}
