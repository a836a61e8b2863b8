package dev.airlock.sandbox.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A reproducible jar of every class under one package, taken from wherever the class path holds it (a module's
 * jar, the CLI's shaded jar, or a classes directory during tests). Used to put the agent SDK, or an agent's own
 * classes, into an image without depending on a particular build layout.
 */
public final class ClassJar {

    private ClassJar() {
    }

    /** Entries (path to bytes, sorted) of {@code packagePrefix} (e.g. {@code dev/airlock/sdk/}) beside {@code anchor}. */
    public static Map<String, byte[]> entries(Class<?> anchor, String packagePrefix) throws IOException {
        Path location;
        try {
            location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the classes of " + anchor.getName(), e);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(packagePrefix);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    entries.put(location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(packagePrefix))
                        .toList()) {
                    try (InputStream in = jar.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no classes under " + packagePrefix + " at " + location);
        }
        return entries;
    }

    /** Every file of a jar, or of a classes directory, as entries for {@link #jar}. */
    public static Map<String, byte[]> entriesOf(Path jarOrDirectory) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        if (Files.isDirectory(jarOrDirectory)) {
            try (Stream<Path> files = Files.walk(jarOrDirectory)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    entries.put(jarOrDirectory.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            return entries;
        }
        try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
            for (JarEntry e : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                try (InputStream in = jar.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    /** A jar of those entries with fixed timestamps, so equal classes give equal bytes. */
    public static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(315532800000L);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
