package dev.airlock.installer;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app-image the package phase built, started as its launcher starts it: its own runtime with JavaFX as named
 * modules, so neither the CLI nor the workbench prints a warning before doing what it was asked.
 */
class AppImageIT {

    private static final Path APP = Path.of("target", "app-image", "airlock");
    private static final Path SAMPLE = Path.of("..", "samples", "research-assistant", "research-assistant.yaml")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result airlock(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(APP.resolve("bin/airlock").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("airlock " + String.join(" ", args) + " ended").isTrue();
        return new Result(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theLauncherRunsTheCliOnItsOwnRuntimeWithoutWarnings() throws Exception {
        Result version = airlock("--version");
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("airlock ");
        assertThat(version.err()).isEmpty();

        Result validate = airlock("validate", SAMPLE.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.err()).isEmpty();
    }

    @Test
    void theAgentsRuntimeIsPrelinkedBesideTheApp() throws Exception {
        Path java = APP.resolve("lib/agent-runtime/bin/java");
        assertThat(java).isExecutable();
        Process p = new ProcessBuilder(java.toString(), "--list-modules").redirectErrorStream(true).start();
        String modules = read(p.getInputStream());
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(modules).contains("java.base", "java.logging").doesNotContain("javafx", "java.desktop");
    }

    @Test
    void startsFromTheAheadOfTimeCacheTrainedWhenPackaging() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25; packaged with "
                + Runtime.version());
        assertThat(APP.resolve("lib/app/airlock.aot")).isNotEmptyFile();
        // The JVM reads JAVA_TOOL_OPTIONS itself, so this sees what the launcher's own start does with the cache.
        ProcessBuilder builder = new ProcessBuilder(APP.resolve("bin/airlock").toString(), "--version")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:aot=info");
        Process p = builder.start();
        String log = read(p.getInputStream());
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(log).contains("Using AOT-linked classes: true");
    }

    @Test
    void theWorkbenchStartsWithoutAWarning() throws Exception {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI=true but no DISPLAY: .ci/run starts Xvfb and exports DISPLAY");
            }
            Assumptions.abort("no DISPLAY: the workbench start is not tried (run under Xvfb to include it)");
        }
        Path png = tmp.resolve("workbench.png");
        Result ui = airlock("ui", SAMPLE.toString(), "--screenshot", png.toString());
        assertThat(ui.exitCode()).as(ui.out() + ui.err()).isZero();
        assertThat(Files.size(png)).isGreaterThan(10_000);
        assertThat(ui.err()).as("what the workbench printed on stderr").isEmpty();
    }
}
