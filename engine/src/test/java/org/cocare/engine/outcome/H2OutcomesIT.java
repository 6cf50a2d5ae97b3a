package org.cocare.engine.outcome;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The outcome contract on H2 in PostgreSQL mode, the embedded default. */
class H2OutcomesIT extends OutcomeContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
