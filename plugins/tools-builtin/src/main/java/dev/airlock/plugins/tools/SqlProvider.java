package dev.airlock.plugins.tools;

import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.UnreadableFileException;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolProvider;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Options: {@code init} (an SQL script beside the topology that creates and fills the tables). The database lives
 * in memory for the run; the owner account's password never leaves this class.
 */
public final class SqlProvider implements ToolProvider {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The whole script is one string for H2; a demo database is far smaller. */
    private static final int MAX_INIT_BYTES = 16 * BoundedFiles.MIB;

    @Override
    public ToolType type() {
        return ToolType.SQL;
    }

    @Override
    public Tool create(ToolSpec spec, ToolContext context) throws ToolException {
        // The owner connection stays open for the run, which keeps the in-memory database alive.
        String url = "jdbc:h2:mem:" + spec.id() + "-" + UUID.randomUUID();
        String owner = secret();
        String reader = secret();
        String writer = secret();
        try {
            Connection admin = DriverManager.getConnection(url, "OWNER", owner);
            try (Statement s = admin.createStatement()) {
                String init = spec.options().get("init");
                if (init != null) {
                    Path script = context.baseDir().resolve(init);
                    s.execute(BoundedFiles.readText(script, MAX_INIT_BYTES, "an init script"));
                }
                s.execute("CREATE USER " + SqlTool.READER + " PASSWORD '" + reader + "'");
                s.execute("CREATE USER " + SqlTool.WRITER + " PASSWORD '" + writer + "'");
                s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + SqlTool.READER);
                s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + SqlTool.WRITER);
            }
            return new SqlTool(spec.id(), spec.description(), url, admin, reader, writer);
        } catch (UnreadableFileException e) {
            throw ToolException.failed("tool '" + spec.id() + "': init script " + e.getMessage());
        } catch (SQLException e) {
            throw ToolException.failed("tool '" + spec.id() + "': init script failed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String secret() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
