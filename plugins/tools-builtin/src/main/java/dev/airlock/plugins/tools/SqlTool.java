package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code sql}: one statement against this run's embedded H2 database. Read-only is enforced by the database, not
 * by looking at the SQL: queries run as a user granted only SELECT, so a write, DDL or an admin function fails
 * however it is spelled. A {@code write} grant in the agent's scope selects a user that may also change rows.
 */
final class SqlTool implements Tool {

    static final String RULE_READ_ONLY = "sql.read-only";
    static final String READER = "AGENT_READER";
    static final String WRITER = "AGENT_WRITER";
    private static final int MAX_ROWS = 500;
    private static final String SCHEMA = """
            {"type":"object","properties":{"query":{"type":"string","description":"one SQL statement"}},\
            "required":["query"]}""";
    /** H2's codes for "not enough rights", "feature not supported in read-only", "access denied". */
    private static final List<Integer> PERMISSION_ERRORS = List.of(90096, 90097, 90098, 90119);

    private final String id;
    private final String description;
    private final String url;
    private final String readerPassword;
    private final String writerPassword;
    private final Connection keepAlive;

    SqlTool(String id, String description, String url, Connection keepAlive, String readerPassword, String writerPassword) {
        this.id = id;
        this.description = description.isEmpty() ? "Query this run's database with SQL" : description;
        this.url = url;
        this.keepAlive = keepAlive;
        this.readerPassword = readerPassword;
        this.writerPassword = writerPassword;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return List.of(new ToolDefinition(id, description, SCHEMA));
    }

    @Override
    public ToolResult call(ToolInvocation invocation) throws ToolException {
        String query = Json.read(invocation.argumentsJson()).path("query").asText("");
        if (query.isBlank()) {
            throw ToolException.refused("tool.arguments", "a 'query' is required");
        }
        boolean write = invocation.grants().contains("write");
        try (Connection c = DriverManager.getConnection(url, write ? WRITER : READER, write ? writerPassword : readerPassword);
             Statement s = c.createStatement()) {
            s.setMaxRows(MAX_ROWS);
            boolean rows = s.execute(query);
            ObjectNode out = Json.MAPPER.createObjectNode();
            if (rows) {
                writeRows(s.getResultSet(), out);
            } else {
                out.put("updated", s.getUpdateCount());
            }
            return new ToolResult(Json.write(out));
        } catch (SQLException e) {
            if (PERMISSION_ERRORS.contains(e.getErrorCode())) {
                throw ToolException.refused(RULE_READ_ONLY, "the database refused a change: '" + id
                        + "' is read-only for this agent (scope it as '" + id + "/write' to allow writes)");
            }
            throw ToolException.failed("SQL error: " + firstLine(e.getMessage()));
        }
    }

    private static void writeRows(ResultSet rs, ObjectNode out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        ArrayNode columns = out.putArray("columns");
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
        }
        ArrayNode rows = out.putArray("rows");
        while (rs.next()) {
            ArrayNode row = rows.addArray();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object v = rs.getObject(i);
                if (v == null) {
                    row.addNull();
                } else if (v instanceof Number n) {
                    row.add(Json.MAPPER.valueToTree(n));
                } else {
                    row.add(v.toString());
                }
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("").replaceAll("\\s*\\[\\d+-\\d+]$", "");
    }

    @Override
    public void close() {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // already gone: nothing left to release
        } finally {
            try {
                keepAlive.close();
            } catch (SQLException e) {
                // closing a shut-down connection can only fail harmlessly
            }
        }
    }
}
