package dev.airlock.core.plugin;

import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.validation.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugin jars compiled here, as a user's would be, dropped in a folder: the good one is used through the same
 * SPI lookups as the bundled providers; a broken, an incompatible and a throwing one are each refused with one
 * reason naming what is wrong, and the rest load regardless.
 */
class PluginsTest {

    private static final String DETECTOR = """
            package acme;
            import dev.airlock.core.guard.GuardDetector;
            import java.util.List;
            public class %s implements GuardDetector {
                public %s() { %s }
                public String id() { return "%s"; }
                public List<Hit> inspect(String raw, String canonical) {
                    int at = canonical.indexOf("falcon");
                    return at < 0 ? List.of() : List.of(new Hit("codename", at, at + 6));
                }
            }
            """;

    @TempDir
    Path tmp;

    @AfterEach
    void uninstall() {
        Plugins.install(null);
    }

    @Test
    void aPluginsDetectorIsFoundWhereverTheBundledOnesAre() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plugins"));
        pluginJar(folder.resolve("codenames.jar"), "Codenames", "", "codenames", "1");

        Plugins plugins = Plugins.install(folder);

        assertThat(plugins.refused()).isEmpty();
        assertThat(plugins.loaded()).singleElement().satisfies(l -> {
            assertThat(l.jar()).isEqualTo(folder.resolve("codenames.jar"));
            assertThat(l.provides()).containsExactly("guardrail codenames");
        });
        GuardDetector detector = Plugins.installed().providers(GuardDetector.class).stream()
                .filter(d -> d.id().equals("codenames")).findFirst().orElseThrow();
        assertThat(detector.inspect("Project falcon ships", "project falcon ships")).hasSize(1);
        assertThat(Catalog.installed().guardrails()).contains("codenames", "pii");
    }

    @Test
    void brokenIncompatibleAndThrowingJarsAreRefusedOneLineEachAndTheRestLoads() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("plugins"));
        Files.write(folder.resolve("broken.jar"), "PK\u0003\u0004 this is not a zip".getBytes(StandardCharsets.UTF_8));
        pluginJar(folder.resolve("future.jar"), "Future", "", "future", "2");
        pluginJar(folder.resolve("unversioned.jar"), "Unversioned", "", "unversioned", null);
        pluginJar(folder.resolve("throwing.jar"), "Throwing",
                "throw new IllegalStateException(\"no licence key in ACME_KEY\");", "throwing", "1");
        pluginJar(folder.resolve("good.jar"), "Good", "", "good", "1");

        Plugins plugins = Plugins.install(folder);

        assertThat(plugins.loaded()).extracting(l -> l.jar().getFileName().toString()).containsExactly("good.jar");
        assertThat(plugins.refused()).extracting(r -> r.jar().getFileName() + ": " + r.reason()).containsExactly(
                "broken.jar: is not a readable jar (zip END header not found)",
                "future.jar: targets plugin API 2; this Airlock loads API 1",
                "throwing.jar: a provider failed to start: IllegalStateException: no licence key in ACME_KEY",
                "unversioned.jar: declares no Airlock-Plugin-Api in its manifest (this Airlock loads plugins for API 1)");
        assertThat(plugins.refused()).allSatisfy(r -> assertThat(r.reason()).doesNotContain("\n"));
        assertThat(Catalog.installed().guardrails()).contains("good").doesNotContain("future", "throwing",
                "unversioned");
    }

    @Test
    void aMissingFolderHasNoPluginsAndTheBundledProvidersRemain() {
        Plugins plugins = Plugins.install(tmp.resolve("nothing-here"));
        assertThat(plugins.loaded()).isEmpty();
        assertThat(plugins.refused()).isEmpty();
        assertThat(Catalog.installed().guardrails()).containsAll(Catalog.BUILTIN_GUARDRAILS);
    }

    /** Compiles one detector class and packs it as a plugin jar, with {@code api} in the manifest unless null. */
    private void pluginJar(Path jar, String className, String constructorBody, String id, String api)
            throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src-" + className).resolve("acme"));
        Path classes = Files.createDirectories(tmp.resolve("classes-" + className));
        Path source = src.resolve(className + ".java");
        Files.writeString(source, DETECTOR.formatted(className, className, constructorBody, id));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // Surefire's class path is a manifest-only jar; javac needs where the SPI really is.
        String spi = Path.of(GuardDetector.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        int code = javac.run(null, null, null, "-classpath", spi,
                "-d", classes.toString(), source.toString());
        assertThat(code).as("javac of " + className).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (api != null) {
            manifest.getMainAttributes().putValue(Plugins.API_ATTRIBUTE, api);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            entry(out, "META-INF/services/" + GuardDetector.class.getName(),
                    ("acme." + className + "\n").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    entry(out, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
    }

    private static void entry(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }
}
