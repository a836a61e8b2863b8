package dev.airlock.gate.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The documented Python client ({@code airlock_agent.py}, the file {@code docs/protocol.md} shows) against the
 * shared wire corpus, through {@code wire_golden_check.py}: it reads and writes frames in memory, no socket.
 */
class PythonClientWireGoldenTest {

    static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void thePythonClientReadsAndWritesEveryGoldenFrame(@TempDir Path dir) throws Exception {
        requirePython();
        copyResource("airlock_agent.py", dir);
        copyResource("wire_golden_check.py", dir);

        Process p = new ProcessBuilder(PYTHON.toString(), "wire_golden_check.py", WireCorpus.dir().toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines()).as("one line per golden frame").hasSize((int) WireCorpus.frames().count())
                .allMatch(l -> l.endsWith(" ok"));
    }

    /** Like the Docker tests: skipped with a reason on a workstation, a failure under CI=true. */
    private static void requirePython() {
        boolean available = Files.isExecutable(PYTHON);
        if (!available && "true".equals(System.getenv("CI"))) {
            fail("CI=true but there is no " + PYTHON + " to check the Python client against the wire corpus");
        }
        assumeTrue(available, "skipped: needs " + PYTHON + " (apt: python3); set CI=true to make this a failure");
    }

    private void copyResource(String name, Path dir) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + name)) {
            Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
