package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Every row of every results table, as text, in a stable order: for comparing whole stores. */
public final class TableDump {

  /** The tables of the schema (Flyway's own history table excluded). */
  public static final List<String> TABLES =
      List.of(
          "evaluations",
          "variants",
          "evaluation_tasks",
          "samples",
          "task_runs",
          "task_results",
          "probe_results",
          "analysis_results",
          "evaluation_results",
          "processed_events",
          "probe_analyses",
          "compression_failures");

  private TableDump() {}

  public static Map<String, List<List<String>>> of(DataSource dataSource) throws SQLException {
    Map<String, List<List<String>>> dump = new TreeMap<>();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      for (String table : TABLES) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
              row.add(rs.getString(i));
            }
            rows.add(row);
          }
        }
        rows.sort((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        dump.put(table, rows);
      }
    }
    return dump;
  }
}
