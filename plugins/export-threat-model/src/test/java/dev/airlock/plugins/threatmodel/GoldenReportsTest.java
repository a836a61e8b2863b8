package dev.airlock.plugins.threatmodel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each sample's Markdown report and Threat Dragon JSON, byte for byte, against golden files in
 * {@code src/test/resources/golden}. After an intended change, regenerate with {@code -Dairlock.golden.update=true}
 * and review the diff before committing it; never on by default.
 */
class GoldenReportsTest {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    static Stream<Arguments> samplesAndFormats() {
        return Samples.all().flatMap(s -> Stream.of(Arguments.of(s, "md"), Arguments.of(s, "json")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samplesAndFormats")
    void matchesTheGoldenFile(Path sample, String format) throws IOException {
        String name = sample.getFileName().toString().replaceFirst("\\.yaml$", "") + "." + format;
        String actual = Samples.export(Samples.read(sample), format);
        Path golden = DIR.resolve(name);
        if (Boolean.getBoolean("airlock.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file; create it with -Dairlock.golden.update=true").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
