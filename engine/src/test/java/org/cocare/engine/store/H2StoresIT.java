package org.cocare.engine.store;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The store contract on H2 in PostgreSQL mode, the embedded default. */
class H2StoresIT extends StoreContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
