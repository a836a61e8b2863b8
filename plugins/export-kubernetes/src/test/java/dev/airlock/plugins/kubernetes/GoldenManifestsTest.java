package dev.airlock.plugins.kubernetes;

import dev.airlock.core.export.ExportResult;
import dev.airlock.core.export.ExportedFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each sample's export, file by file and byte for byte, against golden directories under
 * {@code src/test/resources/golden/SAMPLE/MODE}: both workload modes, and research-assistant with agentic networking
 * and a runtime class. After an intended change, regenerate with {@code -Dairlock.golden.update=true} and review the
 * diff before committing it; never on by default.
 */
class GoldenManifestsTest {

    private static final Path DIR = Path.of("src", "test", "resources", "golden");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Path sample : Samples.all()) {
            cases.add(Arguments.of(sample, "deployment", Map.of()));
            cases.add(Arguments.of(sample, "agent-sandbox", Map.of("sandbox", "agent-sandbox")));
        }
        cases.add(Arguments.of(Samples.ROOT.resolve("samples/research-assistant/research-assistant.yaml"),
                "agentic-gvisor", Map.of("sandbox", "agent-sandbox", "runtime-class", "gvisor",
                        "agentic-networking", "true")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheGoldenDirectory(Path sample, String mode, Map<String, String> options) throws IOException {
        ExportResult result = Samples.export(Samples.read(sample), options);
        Path golden = DIR.resolve(Samples.name(sample)).resolve(mode);
        if (Boolean.getBoolean("airlock.golden.update")) {
            for (ExportedFile f : result.files()) {
                Path file = golden.resolve(f.path());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.text());
            }
        }
        assertThat(golden).as("golden directory; create it with -Dairlock.golden.update=true").isDirectory();
        List<String> expected;
        try (Stream<Path> files = Files.walk(golden)) {
            expected = files.filter(Files::isRegularFile).map(p -> golden.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(result.files().stream().map(ExportedFile::path).sorted().toList()).isEqualTo(expected);
        for (ExportedFile f : result.files()) {
            assertThat(f.text()).as(f.path()).isEqualTo(Files.readString(golden.resolve(f.path())));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void isTheSameEveryTime(Path sample, String mode, Map<String, String> options) {
        assertThat(Samples.export(Samples.read(sample), options).files())
                .isEqualTo(Samples.export(Samples.read(sample), options).files());
    }
}
