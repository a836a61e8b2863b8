package dev.airlock.sandbox.images;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * {@code airlock/probe}: Debian's statically linked busybox and its applet links, about 2 MB. A dynamically
 * linked busybox would need its libraries, so it is refused with the package to install.
 */
public final class ProbeImage implements ImageRecipe {

    public static final String TAG = "airlock/probe";
    private static final List<Path> CANDIDATES = List.of(Path.of("/bin/busybox"), Path.of("/usr/bin/busybox"));

    private final Path busybox;

    public ProbeImage(Path busybox) {
        this.busybox = busybox;
    }

    /** The host's busybox; fails with the package to install when there is no static one. */
    public static ProbeImage fromHost() throws IOException {
        for (Path p : CANDIDATES) {
            if (Files.isRegularFile(p) && isStaticElf(p)) {
                return new ProbeImage(p.toRealPath());
            }
        }
        throw new IOException("no statically linked busybox found at " + CANDIDATES
                + "; install it with 'apt-get install busybox-static' (Debian/Ubuntu)");
    }

    @Override
    public String tag() {
        return TAG;
    }

    @Override
    public String inputsHash() throws IOException {
        MessageDigest d = Material.sha256();
        d.update(Files.readAllBytes(busybox));
        d.update(Material.bytes("probe/Dockerfile"));
        d.update(Material.bytes("common/passwd"));
        d.update(Material.bytes("common/group"));
        return Material.hex(d);
    }

    @Override
    public BuildContext context(Path work, ImageBuilder.Progress progress) throws IOException {
        BuildContext ctx = new BuildContext()
                .file("Dockerfile", 0644, Material.bytes("probe/Dockerfile"))
                .directory("bin", 0755)
                .copy("bin/busybox", 0755, busybox)
                .directory("etc", 0755)
                .file("etc/passwd", 0644, Material.bytes("common/passwd"))
                .file("etc/group", 0644, Material.bytes("common/group"))
                .directory("tmp", 01777)
                .directory("run/airlock", 0755);
        for (String applet : applets()) {
            if (!applet.equals("busybox")) {
                ctx.symlink("bin/" + applet, "busybox");
            }
        }
        return ctx;
    }

    private List<String> applets() throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException(busybox + " --list failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out.lines().map(String::strip).filter(s -> s.matches("[a-z0-9_.\\[-]+")).distinct().toList();
    }

    /** An ELF file without a PT_INTERP program header needs no dynamic loader. */
    static boolean isStaticElf(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] ident = new byte[64];
            if (f.read(ident) < 64 || ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F'
                    || ident[4] != 2) {
                return false;
            }
            ByteBuffer h = ByteBuffer.wrap(ident).order(ident[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = h.getLong(0x20);
            int phentsize = Short.toUnsignedInt(h.getShort(0x36));
            int phnum = Short.toUnsignedInt(h.getShort(0x38));
            byte[] ph = new byte[4];
            for (int i = 0; i < phnum; i++) {
                f.seek(phoff + (long) i * phentsize);
                f.readFully(ph);
                int type = ByteBuffer.wrap(ph).order(h.order()).getInt();
                if (type == 3) {
                    return false;
                }
            }
            return true;
        }
    }
}
