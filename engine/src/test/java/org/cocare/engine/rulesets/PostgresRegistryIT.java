package org.cocare.engine.rulesets;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The registry contract on a real PostgreSQL server. */
class PostgresRegistryIT extends RegistryContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
