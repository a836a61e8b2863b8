package dev.airlock.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the CLI's small YAML files (expectations, scenarios) into records; any mistake is one located line. */
public final class YamlFile {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private YamlFile() {
    }

    /** Line and column of the last {@code key:} at or before {@code line}, or null. */
    private static int[] lastKeyBefore(Path path, String key, int line) {
        try {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(path);
            java.util.regex.Pattern p = java.util.regex.Pattern.compile("[\\s{,-]" + java.util.regex.Pattern.quote(key) + "\\s*:");
            for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
                java.util.regex.Matcher m = p.matcher(" " + lines.get(i));
                if (m.find()) {
                    return new int[] {i + 1, m.start() + 1};
                }
            }
        } catch (IOException e) {
            // fall back to Jackson's location
        }
        return null;
    }

    /** @return null for an empty file */
    public static <T> T read(Path path, Class<T> type, String what) {
        try {
            return YAML.readValue(path.toFile(), type);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new RunException(path + ": no such " + what + " file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            String why = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            if (e instanceof UnrecognizedPropertyException u) {
                why = "unknown field '" + u.getPropertyName() + "'";
                // Jackson reports where it stopped, after the value; point at the key instead.
                int[] key = lastKeyBefore(path, u.getPropertyName(), line);
                if (key != null) {
                    line = key[0];
                    column = key[1];
                }
            }
            throw new RunException(path + ":" + line + ":" + column + ": error: " + why);
        } catch (IOException e) {
            throw new RunException(path + ": cannot read: " + e.getMessage());
        }
    }
}
