package io.acbench.metrics.store;

import io.acbench.metrics.config.MetricsConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Picks the results database at run time. Both named datasources ({@code h2}, {@code postgresql})
 * are built into the binary; configuration activates one and {@code
 * acbench.metrics.store.datasource} names it.
 */
@ApplicationScoped
public class StoreProducer {

  private final javax.sql.DataSource dataSource;

  public StoreProducer(
      MetricsConfig config,
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql) {
    this.dataSource =
        switch (config.store().datasource()) {
          case "h2" -> h2.get();
          case "postgresql" -> postgresql.get();
          default ->
              throw new IllegalArgumentException(
                  "acbench.metrics.store.datasource must be h2 or postgresql, was "
                      + config.store().datasource());
        };
  }

  @Produces
  @Singleton
  IngestRepository ingestRepository() {
    return new IngestRepository(dataSource);
  }

  @Produces
  @Singleton
  ResultsRepository resultsRepository() {
    return new ResultsRepository(dataSource);
  }
}
