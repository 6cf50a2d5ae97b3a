package org.cocare.engine.portal;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The patient-answers contract on H2 in PostgreSQL mode, the embedded default. */
class H2PatientAnswersIT extends PatientAnswersContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.h2();
  }
}
