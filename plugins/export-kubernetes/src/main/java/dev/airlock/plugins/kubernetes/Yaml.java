package dev.airlock.plugins.kubernetes;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.util.List;

/**
 * Writes manifests as YAML that diffs well: the model's own field order (apiVersion, kind, metadata, spec), map keys
 * sorted, nulls left out, no timestamps, one document per resource with its comment above it. Jackson 3, because
 * fabric8's model 8.x carries Jackson 3's (de)serializers (a Quantity is written as {@code 256Mi}).
 */
final class Yaml {

    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // A string that looks like a number (an argument "3", a quantity "1") must stay a string.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Yaml() {
    }

    static String documents(List<Manifest> manifests) {
        StringBuilder out = new StringBuilder();
        for (Manifest m : manifests) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(comment(m.comment()));
            out.append(write(m.resource()));
        }
        return out.toString();
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static String comment(String text) {
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
        return out.toString();
    }
}
