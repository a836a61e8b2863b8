package dev.airlock.core.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The providers of Airlock's SPIs (the interfaces that extend {@link Extension}): those bundled on the class path,
 * and those of the plugin jars in a folder. A jar is taken whole or not at all: it must declare the plugin API it
 * targets ({@value #API_ATTRIBUTE} in its manifest), provide at least one of the SPIs, and every provider must
 * start; otherwise it is refused with one reason and Airlock runs on without it.
 */
public final class Plugins {

    /** The plugin API this Airlock loads; a change to an SPI that breaks existing plugins raises it. */
    public static final int API_VERSION = 1;
    public static final String API_ATTRIBUTE = "Airlock-Plugin-Api";
    private static final String SERVICES = "META-INF/services/";

    /** A jar that was loaded, and what it provides ("guardrail internal-hosts", …). */
    public record Loaded(Path jar, List<String> provides) {
    }

    /** A jar that was not loaded, and why, in one line. */
    public record Refused(Path jar, String reason) {
    }

    private static volatile Plugins installed = new Plugins(null, Map.of(), List.of(), List.of());

    private final Path folder;
    private final Map<Class<?>, List<Object>> fromJars;
    private final List<Loaded> loaded;
    private final List<Refused> refused;

    private Plugins(Path folder, Map<Class<?>, List<Object>> fromJars, List<Loaded> loaded, List<Refused> refused) {
        this.folder = folder;
        this.fromJars = fromJars;
        this.loaded = List.copyOf(loaded);
        this.refused = List.copyOf(refused);
    }

    /** What this process uses: the bundled providers, plus a folder's once {@link #install} has run. */
    public static Plugins installed() {
        return installed;
    }

    /** Loads the jars of {@code folder} (a missing folder has none) and makes them what {@link #installed} gives. */
    public static synchronized Plugins install(Path folder) {
        Map<Class<?>, List<Object>> instances = new LinkedHashMap<>();
        List<Loaded> loaded = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Path jar : jars(folder, refused)) {
            Map<Class<?>, List<Object>> found = new LinkedHashMap<>();
            String reason = load(jar, found);
            if (reason != null) {
                refused.add(new Refused(jar, reason));
                continue;
            }
            List<String> provides = new ArrayList<>();
            found.forEach((spi, list) -> {
                instances.computeIfAbsent(spi, k -> new ArrayList<>()).addAll(list);
                list.forEach(p -> provides.add(((Extension) p).describe()));
            });
            loaded.add(new Loaded(jar, provides));
        }
        installed = new Plugins(folder, instances, loaded, refused);
        return installed;
    }

    /** The bundled providers of {@code spi} first (they win a name clash), then the plugins'. */
    public <T> List<T> providers(Class<T> spi) {
        List<T> all = new ArrayList<>();
        ServiceLoader.load(spi, Plugins.class.getClassLoader()).forEach(all::add);
        fromJars.getOrDefault(spi, List.of()).forEach(p -> all.add(spi.cast(p)));
        return all;
    }

    /** What the class path itself provides of {@code spis}, described as {@link Loaded#provides} is. */
    public List<String> bundled(List<Class<? extends Extension>> spis) {
        List<String> out = new ArrayList<>();
        for (Class<? extends Extension> spi : spis) {
            ServiceLoader.load(spi, Plugins.class.getClassLoader()).forEach(p -> out.add(p.describe()));
        }
        return out;
    }

    public Path folder() {
        return folder;
    }

    public List<Loaded> loaded() {
        return loaded;
    }

    public List<Refused> refused() {
        return refused;
    }

    private static List<Path> jars(Path folder, List<Refused> refused) {
        List<Path> jars = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return jars;
        }
        try (DirectoryStream<Path> in = Files.newDirectoryStream(folder, "*.jar")) {
            in.forEach(jars::add);
        } catch (IOException e) {
            refused.add(new Refused(folder, "cannot list the plugin folder: " + e.getMessage()));
        }
        jars.sort(null);
        return jars;
    }

    /** Fills {@code found} with the jar's providers by SPI; returns why the jar is refused, or null. */
    private static String load(Path jar, Map<Class<?>, List<Object>> found) {
        List<Class<?>> declared = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String api = manifest == null ? null : manifest.getMainAttributes().getValue(API_ATTRIBUTE);
            if (api == null) {
                return "declares no " + API_ATTRIBUTE + " in its manifest (this Airlock loads plugins for API "
                        + API_VERSION + ")";
            }
            if (!api.strip().equals(String.valueOf(API_VERSION))) {
                return "targets plugin API " + api.strip() + "; this Airlock loads API " + API_VERSION;
            }
            file.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(SERVICES) && n.length() > SERVICES.length())
                    .map(n -> n.substring(SERVICES.length())).map(Plugins::airlockService)
                    .flatMap(Optional::stream).forEach(declared::add);
        } catch (IOException | SecurityException e) {
            return "is not a readable jar (" + e.getMessage() + ")";
        }
        if (declared.isEmpty()) {
            return "provides none of Airlock's services (no META-INF/services entry for an interface that extends "
                    + Extension.class.getName() + ")";
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    Plugins.class.getClassLoader());
        } catch (MalformedURLException e) {
            return "cannot be loaded (" + e.getMessage() + ")";
        }
        try {
            for (Class<?> spi : declared) {
                for (ServiceLoader.Provider<?> p : ServiceLoader.load(spi, loader).stream().toList()) {
                    if (p.type().getClassLoader() == loader) {
                        Object provider = p.get();
                        ((Extension) provider).describe();
                        found.computeIfAbsent(spi, k -> new ArrayList<>()).add(provider);
                    }
                }
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            closeQuietly(loader);
            found.clear();
            return "a provider failed to start: " + rootCause(e);
        }
        return null;
    }

    /** The service a {@code META-INF/services} entry names, when it is one of Airlock's. */
    private static Optional<Class<?>> airlockService(String name) {
        try {
            Class<?> spi = Class.forName(name, false, Plugins.class.getClassLoader());
            return Extension.class.isAssignableFrom(spi) && spi.isInterface() && spi != Extension.class
                    ? Optional.of(spi) : Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Nothing of a refused jar stays in use; a close that fails leaves only an open file handle.
        }
    }
}
