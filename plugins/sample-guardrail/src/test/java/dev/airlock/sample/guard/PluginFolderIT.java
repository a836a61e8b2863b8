package dev.airlock.sample.guard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module's jar, as a user installs it: copied into a plugin folder beside a broken jar, then the real
 * {@code airlock.jar} (which does not bundle it) is run as a separate process.
 */
class PluginFolderIT {

    private static final Path AIRLOCK = Path.of("..", "..", "app", "cli", "target", "airlock.jar");
    private static final String LEAK = "Deploy it on build01.corp tonight.";

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void theDetectorFromThePluginFolderIsUsedByScanAndABrokenJarBesideItIsOneLine() throws Exception {
        Path folder = pluginFolder(tmp.resolve("plugins"));
        Files.writeString(folder.resolve("junk.jar"), "not a jar at all");

        Result scan = airlock(Map.of(), LEAK, "--plugins", folder.toString(), "scan");

        assertThat(scan.exitCode()).as(scan.out() + scan.err()).isEqualTo(3);
        assertThat(scan.out()).contains("\"detector\":\"internal-hosts\"");
        assertThat(scan.err().lines().toList()).containsExactly("airlock: plugin " + folder.resolve("junk.jar")
                + " refused: is not a readable jar (zip END header not found)");
    }

    @Test
    void theUsersConfigFolderIsTheDefaultAndPluginsListsWhatItFound() throws Exception {
        Path config = tmp.resolve("config");
        pluginFolder(config.resolve("airlock").resolve("plugins"));
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString());

        Result listed = airlock(env, "", "plugins");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("plugin API 1", "bundled: model backend ", "guardrail internal-hosts")
                .containsPattern("loaded  airlock-sample-guardrail-.*\\.jar: guardrail internal-hosts");

        Result without = airlock(Map.of("XDG_CONFIG_HOME", tmp.resolve("empty").toString()), LEAK, "scan");
        assertThat(without.exitCode()).as("the same text with no plugin installed: " + without.out()).isZero();
    }

    private static Path pluginFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            Path jar = built.filter(p -> p.getFileName().toString().matches("airlock-sample-guardrail-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("package this module first"));
            Files.copy(jar, folder.resolve(jar.getFileName()));
        }
        return folder;
    }

    private static Result airlock(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", AIRLOCK.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out, err.join());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
