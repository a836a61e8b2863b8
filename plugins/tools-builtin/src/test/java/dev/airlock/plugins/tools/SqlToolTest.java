package dev.airlock.plugins.tools;

import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An analyst agent with read-only SQL tries every way it can think of to change or escape the database. */
class SqlToolTest {

    @TempDir
    Path base;
    private Tool tool;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(base.resolve("init.sql"), """
                CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(40), total DECIMAL(10,2));
                INSERT INTO orders VALUES (1, 'Ada', 120.50), (2, 'Grace', 80.00), (3, 'Ada', 15.25);
                """);
        ToolSpec spec = new ToolSpec("db", "", ToolType.SQL, null, List.of(), List.of(), null, Set.of(),
                Map.of("init", "init.sql"));
        tool = new SqlProvider().create(spec, new ToolContext(base.resolve("run"), base));
    }

    @AfterEach
    void tearDown() {
        tool.close();
    }

    private String query(String sql, String... grants) throws ToolException {
        String args = Json.MAPPER.createObjectNode().put("query", sql).toString();
        return tool.call(new ToolInvocation("analyst", "db", args, Set.of(grants), Duration.ofSeconds(5))).json();
    }

    @Test
    void answersQueries() throws Exception {
        assertThat(query("SELECT customer, SUM(total) AS spent FROM orders GROUP BY customer ORDER BY customer"))
                .isEqualTo("{\"columns\":[\"customer\",\"spent\"],\"rows\":[[\"Ada\",135.75],[\"Grace\",80]]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO orders VALUES (4, 'Eve', 1.00)",
            "UPDATE orders SET total = 0",
            "DELETE FROM orders",
            "DROP TABLE orders",
            "CREATE TABLE loot (x INT)",
            "MERGE INTO orders KEY (id) VALUES (1, 'Eve', 0)",
            "SELECT FILE_READ('/etc/passwd')",
            "CALL CSVWRITE('/tmp/airlock-sql-escape.csv', 'SELECT * FROM orders')",
            "RUNSCRIPT FROM '/etc/passwd'",
            "CREATE ALIAS EXEC AS 'String e(String c) throws Exception { return \"\"; }'",
            "SET EXCLUSIVE 1",
    })
    void refusesEveryChangeWithoutTheWriteGrant(String sql) throws Exception {
        assertThatThrownBy(() -> query(sql)).isInstanceOf(ToolException.class)
                .satisfies(e -> assertThat(((ToolException) e).isRefusal() || e.getMessage().startsWith("SQL error"))
                        .as(e.getMessage()).isTrue());
        assertThat(query("SELECT COUNT(*) AS n, SUM(total) AS t FROM orders")).contains("[[3,215.75]]");
        assertThat(Path.of("/tmp/airlock-sql-escape.csv")).doesNotExist();
    }

    @Test
    void writesAreNamedAsReadOnlyRefusals() {
        assertThatThrownBy(() -> query("DELETE FROM orders")).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.rule()).isEqualTo(SqlTool.RULE_READ_ONLY));
    }

    @Test
    void theWriteGrantAllowsRowChangesButNotSchemaChanges() throws Exception {
        assertThat(query("INSERT INTO orders VALUES (4, 'Eve', 1.00)", "write")).isEqualTo("{\"updated\":1}");
        assertThatThrownBy(() -> query("DROP TABLE orders", "write")).isInstanceOf(ToolException.class);
        assertThat(query("SELECT COUNT(*) AS n FROM orders")).contains("[[4]]");
    }
}
