package dev.airlock.sandbox;

import dev.airlock.core.runtime.AgentIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The run base is this user's private directory or nothing: another user who owns it, or a link to somewhere
 * else, could swap a live run's directory (and its sockets) for their own.
 */
class RunDirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void aNewBaseAndItsRunsArePrivate() throws Exception {
        RunDirectories dirs = new RunDirectories(tmp.resolve("airlock-me"));
        Path run = dirs.createRun("r1");
        assertThat(Files.getPosixFilePermissions(dirs.base())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(run)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(run.resolve(RunDirectories.OWNER_FILE)).exists();
    }

    @Test
    void aBaseOfOursThatOthersMayEnterIsClosed() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("airlock-me"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        new RunDirectories(base).createRun("r1");
        assertThat(Files.getPosixFilePermissions(base)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aSymlinkedBaseIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path base = Files.createSymbolicLink(tmp.resolve("airlock-me"), elsewhere);
        assertThatThrownBy(() -> new RunDirectories(base).createRun("r1"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(base + " is a symbolic link")
                .hasMessageContaining("set XDG_RUNTIME_DIR");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aSymlinkedBaseIsNotWalkedForLeftovers() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path dead = Files.createDirectory(elsewhere.resolve("r-dead"));
        // A run directory whose owner is gone: reaped in a base of ours, left alone behind a link.
        Files.writeString(dead.resolve(RunDirectories.OWNER_FILE),
                new Owner(Owner.current().host(), Integer.MAX_VALUE - 1, 1L).toString());
        Path base = Files.createSymbolicLink(tmp.resolve("airlock-me"), elsewhere);

        assertThat(new RunDirectories(base).reap()).isEmpty();
        assertThat(dead).isDirectory();
        assertThat(new RunDirectories(elsewhere).reap()).containsExactly(dead);
    }

    @Test
    void theDoctorSeesWhatARunWouldRefuseWithoutTouchingAnything() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path linked = Files.createSymbolicLink(tmp.resolve("linked"), elsewhere);
        assertThat(new RunDirectories(linked).problem()).hasValueSatisfying(p -> assertThat(p)
                .contains(linked + " is a symbolic link", "set XDG_RUNTIME_DIR"));
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new RunDirectories(open).problem()).as("one of ours is closed at the next run").isEmpty();
        assertThat(Files.getPosixFilePermissions(open)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(new RunDirectories(tmp.resolve("missing")).problem()).isEmpty();
        assertThat(tmp.resolve("missing")).doesNotExist();
    }

    @Test
    void aBaseThatIsAFileIsRefused() throws Exception {
        Path base = Files.writeString(tmp.resolve("airlock-me"), "");
        assertThatThrownBy(() -> new RunDirectories(base).createRun("r1"))
                .hasMessageContaining(base + " is not a directory");
    }

    @Test
    void aBasePreCreatedByAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
        Path base = Files.createDirectory(tmp.resolve("airlock-me"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(base, "unix:uid", 4242);
        assertThatThrownBy(() -> new RunDirectories(base).createRun("r1"))
                .hasMessageContaining(base + " belongs to 4242, not to this user");
        assertThat(base).isEmptyDirectory();
        assertThat(Files.getPosixFilePermissions(base)).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void aProbesPipeDirectoryBelongsToItsIdentityAlone() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
        Path run = new RunDirectories(tmp.resolve("airlock-me")).createRun("r1");
        AgentIdentity id = new AgentIdentity(1_780_000_050, 1_780_000_050);
        Path dir = RunDirectories.createAgentDirectory(run, "0-probe", id);
        assertThat(AgentIdentity.ownerOf(dir)).isEqualTo(id);
        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }
}
