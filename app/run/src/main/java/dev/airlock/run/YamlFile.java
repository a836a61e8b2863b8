package dev.airlock.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the CLI's small YAML files (expectations, scenarios) into records; any mistake is one located line. */
public final class YamlFile {

    /** Far more than any hand-written expectations or scenario; the same bound as a topology. */
    static final int MAX_BYTES = 4 * BoundedFiles.MIB;

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private YamlFile() {
    }

    /** Line and column of the last {@code key:} at or before {@code line}, or null. */
    private static int[] lastKeyBefore(String text, String key, int line) {
        List<String> lines = text.lines().toList();
        Pattern p = Pattern.compile("[\\s{,-]" + Pattern.quote(key) + "\\s*:");
        for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
            Matcher m = p.matcher(" " + lines.get(i));
            if (m.find()) {
                return new int[] {i + 1, m.start() + 1};
            }
        }
        return null;
    }

    /**
     * @param what what the file should be, for messages ("an expectations file")
     * @return null for an empty file
     */
    public static <T> T read(Path path, Class<T> type, String what) {
        String text;
        try {
            text = BoundedFiles.readText(path, MAX_BYTES, what);
        } catch (UnreadableFileException e) {
            throw new RunException(e.getMessage());
        }
        try {
            return YAML.readValue(text, type);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            String why = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            if (e instanceof UnrecognizedPropertyException u) {
                why = "unknown field '" + u.getPropertyName() + "'";
                // Jackson reports where it stopped, after the value; point at the key instead.
                int[] key = lastKeyBefore(text, u.getPropertyName(), line);
                if (key != null) {
                    line = key[0];
                    column = key[1];
                }
            }
            throw new RunException(path + ":" + line + ":" + column + ": error: " + why);
        }
    }
}
