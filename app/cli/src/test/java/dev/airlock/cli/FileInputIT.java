package dev.airlock.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FileInputTest}'s commands given a file they may not read. Root reads any file, so the packaged jar runs
 * as {@code nobody} (needs root to switch, and {@code setpriv}); a file of mode 000 in a directory anyone may
 * enter is the one thing it cannot read.
 */
class FileInputIT {

    private static final Path JAR = Path.of("target", "airlock.jar").toAbsolutePath();
    private static final int NOBODY = 65534;

    static Path dir;
    static Path unreadable;
    static Path capture;

    @BeforeAll
    static void files() throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "switching to nobody needs root; as another user, make a file of your own unreadable by hand");
        dir = Files.createTempDirectory("airlock-unreadable");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        unreadable = Files.writeString(dir.resolve("secret.yaml"), "apiVersion: airlock.dev/v1alpha1\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        capture = Files.createFile(dir.resolve("empty.capture"));
        Files.setPosixFilePermissions(capture, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void removeFiles() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Stream<FileInputTest.Slot> slots() {
        return FileInputTest.inputSlots(capture, dir.resolve("never.png")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("slots")
    void aFileThatMayNotBeReadIsOneClearLine(FileInputTest.Slot slot) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(slot.args().apply(unreadable)));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        // A hang guard, not a measure.
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command) + " ended").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        CliRun run = new CliRun(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                err);

        assertThat(run.exitCode()).as(err).isEqualTo(ExitCode.INVALID_INPUT);
        FileInputTest.assertOneClearLine(run, unreadable, "permission denied");
    }
}
