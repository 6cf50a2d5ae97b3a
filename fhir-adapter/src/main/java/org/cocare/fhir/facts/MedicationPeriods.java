package org.cocare.fhir.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.cocare.rules.model.Interval;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;

/**
 * The medication request period of the eCQM CumulativeMedicationDuration logic (MEASURES.md §2.6):
 * from the dosing bounds start (else authoredOn, else the dispense validity start) for the days
 * supplied, times (1 + refills).
 */
final class MedicationPeriods {
  private MedicationPeriods() {}

  static Interval period(MedicationRequest request) {
    Dosage dosage = request.hasDosageInstruction() ? request.getDosageInstructionFirstRep() : null;
    Timing.TimingRepeatComponent repeat =
        dosage != null && dosage.hasTiming() && dosage.getTiming().hasRepeat()
            ? dosage.getTiming().getRepeat()
            : null;
    LocalDate boundsStart = null;
    LocalDate boundsEnd = null;
    if (repeat != null && repeat.hasBoundsPeriod()) {
      boundsStart = FhirDates.date(repeat.getBoundsPeriod().getStartElement());
      boundsEnd = FhirDates.date(repeat.getBoundsPeriod().getEndElement());
    }
    LocalDate start = boundsStart;
    if (start == null) {
      start = FhirDates.date(request.getAuthoredOnElement());
    }
    if (start == null && request.getDispenseRequest().hasValidityPeriod()) {
      start = FhirDates.date(request.getDispenseRequest().getValidityPeriod().getStartElement());
    }
    if (start == null) {
      return Interval.NONE;
    }
    BigDecimal days = daysSupplied(request, dosage, repeat);
    if (days != null && days.signum() > 0) {
      int refills = request.getDispenseRequest().getNumberOfRepeatsAllowed();
      long total =
          days.multiply(BigDecimal.valueOf(1L + refills))
              .setScale(0, RoundingMode.HALF_UP)
              .longValue();
      return Interval.of(start, start.plusDays(Math.max(total, 1) - 1));
    }
    return boundsEnd != null ? Interval.of(start, boundsEnd) : Interval.NONE;
  }

  private static BigDecimal daysSupplied(
      MedicationRequest request, Dosage dosage, Timing.TimingRepeatComponent repeat) {
    if (request.getDispenseRequest().hasExpectedSupplyDuration()) {
      return days(request.getDispenseRequest().getExpectedSupplyDuration());
    }
    Quantity quantity = request.getDispenseRequest().getQuantity();
    if (quantity == null
        || !quantity.hasValue()
        || dosage == null
        || dosage.getDoseAndRate().size() != 1) {
      return null;
    }
    Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
    BigDecimal dose =
        doseAndRate.hasDoseQuantity()
            ? doseAndRate.getDoseQuantity().getValue()
            : doseAndRate.hasDoseRange() && doseAndRate.getDoseRange().hasHigh()
                ? doseAndRate.getDoseRange().getHigh().getValue()
                : null;
    BigDecimal perDay = dosesPerDay(dosage, repeat);
    if (dose == null || perDay == null || dose.signum() <= 0 || perDay.signum() <= 0) {
      return null;
    }
    return quantity.getValue().divide(dose.multiply(perDay), 6, RoundingMode.HALF_UP);
  }

  private static BigDecimal dosesPerDay(Dosage dosage, Timing.TimingRepeatComponent repeat) {
    if (repeat == null) {
      return BigDecimal.ONE;
    }
    if (repeat.hasPeriod() && repeat.hasPeriodUnit()) {
      int frequency =
          repeat.hasFrequencyMax()
              ? repeat.getFrequencyMax()
              : repeat.hasFrequency() ? repeat.getFrequency() : 1;
      BigDecimal periodDays = toDays(repeat.getPeriod(), repeat.getPeriodUnit().toCode());
      return periodDays == null || periodDays.signum() == 0
          ? null
          : BigDecimal.valueOf(frequency).divide(periodDays, 6, RoundingMode.HALF_UP);
    }
    if (repeat.hasTimeOfDay()) {
      return BigDecimal.valueOf(repeat.getTimeOfDay().size());
    }
    return BigDecimal.ONE;
  }

  private static BigDecimal days(Duration duration) {
    if (!duration.hasValue()) {
      return null;
    }
    return toDays(
        duration.getValue(), duration.hasCode() ? duration.getCode() : duration.getUnit());
  }

  private static BigDecimal toDays(BigDecimal value, String unit) {
    if (unit == null) {
      return null;
    }
    BigDecimal perDay =
        switch (unit) {
          case "h", "hour", "hours" -> BigDecimal.valueOf(24);
          case "min", "minute", "minutes" -> BigDecimal.valueOf(1440);
          case "s", "second", "seconds" -> BigDecimal.valueOf(86400);
          case "d", "day", "days" -> BigDecimal.ONE;
          default -> null;
        };
    if (perDay != null) {
      return value.divide(perDay, 6, RoundingMode.HALF_UP);
    }
    return switch (unit) {
      case "wk", "week", "weeks" -> value.multiply(BigDecimal.valueOf(7));
      case "mo", "month", "months" -> value.multiply(BigDecimal.valueOf(30));
      case "a", "year", "years" -> value.multiply(BigDecimal.valueOf(365));
      default -> null;
    };
  }
}
