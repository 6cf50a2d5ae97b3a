package org.cocare.engine.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.cocare.engine.recommendation.RecommendationStore;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans again for every patient with open recommendations, without new data: time alone changes
 * what is due — a re-notify interval passes, a snooze ends, the week's cap frees up, an opt-in
 * restores outreach. Each patient is planned in their own transaction, exactly as after an
 * evaluation (decisions already recorded are not recorded again).
 */
public final class OutreachSweep {
  private static final Logger LOG = LoggerFactory.getLogger(OutreachSweep.class);

  private final RecommendationStore recommendations;
  private final Function<String, List<Resource>> records;
  private final Outreach outreach;
  private final TransactionTemplate transactions;
  private final Clock clock;

  /**
   * @param records a patient's stored record by patient id ({@code PatientRecordStore::load})
   */
  public OutreachSweep(
      RecommendationStore recommendations,
      Function<String, List<Resource>> records,
      Outreach outreach,
      TransactionTemplate transactions,
      Clock clock) {
    this.recommendations = recommendations;
    this.records = records;
    this.outreach = outreach;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Plans for each patient with open items; how many notifications were written. */
  public int sweep() {
    Instant now = clock.instant();
    int patients = 0;
    int written = 0;
    for (String patientId : recommendations.patientsWithOpen()) {
      Integer planned =
          transactions.execute(status -> outreach.plan(patientId, records.apply(patientId), now));
      written += planned == null ? 0 : planned;
      patients++;
    }
    LOG.info("outreach sweep: {} patient(s), {} notification(s) planned", patients, written);
    return written;
  }
}
