package io.acbench.metrics.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The store's contract on a real PostgreSQL server (a fresh database per test). */
class PostgresRepositoryTest extends RepositoryContract {

  private static PostgresServer server;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected DataSource freshDatabase() throws Exception {
    String name = "results_" + DATABASES.incrementAndGet();
    try (Connection c = server.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource ds = server.dataSource();
    ds.setDatabaseName(name);
    ds.setUrl(server.jdbcUrl().replace("/postgres", "/" + name));
    return ds;
  }
}
