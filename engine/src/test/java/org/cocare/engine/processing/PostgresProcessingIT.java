package org.cocare.engine.processing;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** Message processing on a real PostgreSQL server. */
class PostgresProcessingIT extends ProcessingContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
