package dev.airlock.sandbox.images;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a FROM-scratch image, as a tar the engine builds from. Entries have fixed owners and times so
 * that the same inputs give the same layer.
 */
public final class BuildContext {

    /** One file, directory or link at {@code path} (relative, no leading slash) in the image. */
    record Entry(String path, int mode, byte[] bytes, Path source, String linkTarget, boolean directory) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public BuildContext file(String path, int mode, byte[] bytes) {
        entries.add(new Entry(path, mode, bytes, null, null, false));
        return this;
    }

    public BuildContext text(String path, int mode, String text) {
        return file(path, mode, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A host file copied with its content (links followed), as {@code cp -L} does. */
    public BuildContext copy(String path, int mode, Path source) {
        entries.add(new Entry(path, mode, null, source, null, false));
        return this;
    }

    public BuildContext directory(String path, int mode) {
        entries.add(new Entry(path, mode, null, null, null, true));
        return this;
    }

    public BuildContext symlink(String path, String target) {
        entries.add(new Entry(path, 0777, null, null, target, false));
        return this;
    }

    /** Every regular file under {@code root}, at {@code prefix/relative}, keeping the executable bit. */
    public BuildContext tree(String prefix, Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                String path = rel.isEmpty() ? prefix : prefix + "/" + rel;
                if (Files.isDirectory(p)) {
                    directory(path, 0755);
                } else if (Files.isRegularFile(p)) {
                    copy(path, Files.isExecutable(p) ? 0755 : 0644, p);
                }
            }
        }
        return this;
    }

    public int size() {
        return entries.size();
    }

    public void writeTar(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing(Entry::path));
            for (Entry e : sorted) {
                TarArchiveEntry t;
                if (e.directory()) {
                    t = new TarArchiveEntry(e.path() + "/");
                } else if (e.linkTarget() != null) {
                    t = new TarArchiveEntry(e.path(), TarArchiveEntry.LF_SYMLINK);
                    t.setLinkName(e.linkTarget());
                } else {
                    t = new TarArchiveEntry(e.path());
                    t.setSize(e.bytes() != null ? e.bytes().length : Files.size(e.source()));
                }
                t.setMode((e.directory() ? 040000 : e.linkTarget() != null ? 0120000 : 0100000) | e.mode());
                t.setUserId(0);
                t.setGroupId(0);
                t.setModTime(0);
                tar.putArchiveEntry(t);
                if (e.bytes() != null) {
                    tar.write(e.bytes());
                } else if (e.source() != null) {
                    Files.copy(e.source(), tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
