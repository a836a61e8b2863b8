package dev.airlock.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares what a command printed with a golden file in {@code src/test/resources/golden}, after masking the few
 * values that legitimately change between runs (wall-clock and per-frame timings). Everything else is pinned, so
 * a change to the run engine that alters a count, a state, an order or a message shows up as a diff.
 *
 * <p>Regenerate after an intended change with {@code -Dairlock.golden.update=true}: the test then rewrites the
 * golden from this run instead of comparing; review the diff before committing it. Never on by default.
 */
final class GoldenOutput {

    static final String UPDATE_PROPERTY = "airlock.golden.update";

    /** Read from the source tree, not the class path, so an update rewrites the file that is committed. */
    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    /** What varies from run to run, and what stands in for it. Nothing else is masked. */
    private static final List<Mask> MASKS = List.of(
            // "Finished after 12.3 s": wall-clock time of the whole run (locale may write a decimal comma).
            new Mask(Pattern.compile("^(Finished|Interrupted) after \\d+[.,]\\d s$"), "$1 after <s> s"),
            // The agent table's READY MS column, right-aligned in 9: how long each container took to say hello. The
            // padding goes too, since it depends on the number of digits; "-" (never ready) stays.
            new Mask(Pattern.compile("^(\\S+ +\\S+ +\\d+) +\\d+(  .*)$"), "$1      <ms>$2"),
            // Measured time in gate, models and tools, and the gate's share of it; the number of decisions is
            // deterministic and stays.
            new Mask(Pattern.compile("^time in gate [\\d.]+ ms, in models [\\d.]+ ms, in tools [\\d.]+ ms over (\\d+) "
                    + "decisions; gate share (?:[\\d.]+ %|-)$"),
                    "time in gate <ms> ms, in models <ms> ms, in tools <ms> ms over $1 decisions; gate share <%>"));

    private record Mask(Pattern line, String replacement) {
        String apply(String text) {
            Matcher m = line.matcher(text);
            return m.find() ? m.replaceFirst(replacement) : text;
        }
    }

    private GoldenOutput() {
    }

    /** The output with every {@link #MASKS varying value} replaced by a placeholder, line by line. */
    static String normalize(String output) {
        StringBuilder normalized = new StringBuilder();
        for (String line : output.replace("\r\n", "\n").split("\n", -1)) {
            String masked = line;
            for (Mask mask : MASKS) {
                masked = mask.apply(masked);
            }
            normalized.append(masked).append('\n');
        }
        return normalized.substring(0, normalized.length() - 1);
    }

    /** Asserts that {@code output}, normalized, equals golden file {@code name}, or rewrites it in update mode. */
    static void assertMatches(String name, String output) {
        Path golden = DIR.resolve(name);
        String actual = normalize(output);
        try {
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(DIR);
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(golden).as("golden file %s is missing; create it with -D%s=true", golden.toAbsolutePath(),
                    UPDATE_PROPERTY).exists();
            assertThat(actual).as("output differs from golden %s (if intended, regenerate with -D%s=true)",
                    golden, UPDATE_PROPERTY).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
