package org.cocare.engine.processing;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** Message processing on H2, the embedded default. */
class H2ProcessingIT extends ProcessingContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
