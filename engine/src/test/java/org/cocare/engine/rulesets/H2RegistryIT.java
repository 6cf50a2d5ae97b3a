package org.cocare.engine.rulesets;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The registry contract on H2 in PostgreSQL mode, the embedded default. */
class H2RegistryIT extends RegistryContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
