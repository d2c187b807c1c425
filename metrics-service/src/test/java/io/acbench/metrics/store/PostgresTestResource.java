package io.acbench.metrics.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;

/**
 * Quarkus test resource: a real PostgreSQL server, with the service switched to its production
 * datasource ({@code postgresql} active, {@code h2} inactive), as the {@code pg} profile does.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

  private PostgresServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = PostgresServer.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting PostgreSQL", e);
    }
    return Map.of(
        "acbench.metrics.store.datasource", "postgresql",
        "quarkus.datasource.h2.active", "false",
        "quarkus.datasource.postgresql.active", "true",
        "quarkus.datasource.postgresql.jdbc.url", server.jdbcUrl(),
        "quarkus.datasource.postgresql.username", "postgres",
        "quarkus.datasource.postgresql.password", "");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
