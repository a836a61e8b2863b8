package dev.airlock.plugins.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.model.ModelException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A rules file: the first rule whose conditions all hold answers. Conditions are optional: {@code agent} (who
 * asks), {@code turn} (the agent's n-th request, from 1), {@code match} (a regex found in the last user message).
 */
record Script(long seed, Latency latency, List<Rule> rules) {

    static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final int MAX_BYTES = 4 * BoundedFiles.MIB;

    record Latency(String median, String p99) {
    }

    record Rule(String agent, Integer turn, String match, String reply,
                @JsonProperty("toolCalls") List<ScriptedToolCall> toolCalls) {

        Rule {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        Pattern pattern() {
            return match == null ? null : Pattern.compile(match);
        }
    }

    record ScriptedToolCall(String name, Map<String, Object> arguments) {
        ScriptedToolCall {
            arguments = arguments == null ? Map.of() : arguments;
        }

        String argumentsJson() {
            try {
                return new ObjectMapper().writeValueAsString(arguments);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("arguments read from YAML always serialise", e);
            }
        }
    }

    Script {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    private static String known(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds().stream().map(Object::toString).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    }

    static Script load(Path file) throws ModelException {
        Script script;
        try {
            String text = BoundedFiles.readText(file, MAX_BYTES, "a rules file");
            if (text.isBlank()) {
                throw new ModelException(file + ":1:1: rules file is empty");
            }
            script = YAML.readValue(text, Script.class);
        } catch (UnreadableFileException e) {
            throw new ModelException(e.getMessage());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? file + ":1:1" : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
            String why = e instanceof UnrecognizedPropertyException u
                    ? "unknown field '" + u.getPropertyName() + "' (known: " + known(u) + ")"
                    : e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            throw new ModelException(where + ": " + why);
        }
        for (int i = 0; i < script.rules().size(); i++) {
            Rule r = script.rules().get(i);
            if (r.reply() == null && r.toolCalls().isEmpty()) {
                throw new ModelException(file + ": rule " + (i + 1) + " has neither 'reply' nor 'toolCalls'");
            }
            try {
                r.pattern();
            } catch (PatternSyntaxException e) {
                throw new ModelException(file + ": rule " + (i + 1) + ": 'match' does not compile: " + e.getDescription());
            }
        }
        return script;
    }
}
