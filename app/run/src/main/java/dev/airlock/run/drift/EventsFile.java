package dev.airlock.run.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.run.RunException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events file {@code airlock run --events} writes: one JSON object a line, {@code type} first. Only gate
 * decisions matter to policy drift; other events are checked for shape and skipped. Anything else is one located
 * {@link RunException}: a file that is missing, binary, too large, or not such a record at some line.
 */
public final class EventsFile {

    /** Far more than hours of a busy run; the file is read whole. */
    public static final int MAX_BYTES = 64 * BoundedFiles.MIB;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORMAT = "expected one JSON event a line, as 'airlock run --events' writes";

    private EventsFile() {
    }

    /** The gate decisions of the recorded run, in the file's order. */
    public static List<RecordedDecision> read(Path file) {
        String text;
        try {
            text = BoundedFiles.readText(file, MAX_BYTES, "an events file");
        } catch (UnreadableFileException e) {
            throw new RunException(e.getMessage());
        }
        List<RecordedDecision> decisions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int events = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            JsonNode event = parse(file, number, line);
            events++;
            if (event.path("type").asText().equals("gate.decision")) {
                decisions.add(new RecordedDecision(number, field(file, number, event, "agent"),
                        field(file, number, event, "frame"), event.path("target").asText(""),
                        event.path("pipe").asText(""), field(file, number, event, "action"),
                        event.path("rule").asText("")));
            }
        }
        if (events == 0) {
            throw new RunException(file + ":1: holds no events; " + FORMAT);
        }
        return decisions;
    }

    private static JsonNode parse(Path file, int line, String text) {
        JsonNode event;
        try {
            event = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RunException(file + ":" + line + ": not JSON (" + e.getOriginalMessage() + "); " + FORMAT);
        }
        if (event == null || !event.isObject() || !event.path("type").isTextual()) {
            throw new RunException(file + ":" + line + ": not an event (no \"type\"); " + FORMAT);
        }
        return event;
    }

    private static String field(Path file, int line, JsonNode event, String name) {
        JsonNode value = event.get(name);
        if (value == null || !value.isTextual()) {
            throw new RunException(file + ":" + line + ": a gate.decision without a text \"" + name + "\"; "
                    + FORMAT);
        }
        return value.asText();
    }
}
