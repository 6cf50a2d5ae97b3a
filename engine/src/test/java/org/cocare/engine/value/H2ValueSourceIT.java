package org.cocare.engine.value;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The value source contract on H2 in PostgreSQL mode, the embedded default. */
class H2ValueSourceIT extends ValueSourceContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
