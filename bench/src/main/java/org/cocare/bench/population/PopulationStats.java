package org.cocare.bench.population;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A population at a glance: how many patients, how big their records are (resources per patient,
 * bundle size) and whether their ages are what was asked for.
 */
public record PopulationStats(
    int files,
    int patients,
    double resourcesMedian,
    double resourcesP90,
    double resourcesMax,
    double megabytesMedian,
    double megabytesMax,
    double megabytesTotal,
    int youngest,
    int oldest,
    long female,
    long male) {

  public PopulationStats {
    if (files <= 0) {
      throw new IllegalArgumentException("a population has at least one bundle");
    }
  }

  static PopulationStats of(List<BundleSummary> bundles, LocalDate asOf) {
    List<Double> resources = new ArrayList<>();
    List<Double> megabytes = new ArrayList<>();
    List<BundleSummary.Person> people = new ArrayList<>();
    for (BundleSummary bundle : bundles) {
      resources.add(bundle.resourcesPerPatient());
      megabytes.add(bundle.megabytes());
      people.addAll(bundle.patients());
    }
    List<Integer> ages =
        people.stream()
            .map(BundleSummary.Person::birthDate)
            .filter(Objects::nonNull)
            .map(birth -> Period.between(birth, asOf).getYears())
            .sorted()
            .toList();
    return new PopulationStats(
        bundles.size(),
        people.size(),
        percentile(resources, 50),
        percentile(resources, 90),
        percentile(resources, 100),
        percentile(megabytes, 50),
        percentile(megabytes, 100),
        megabytes.stream().mapToDouble(Double::doubleValue).sum(),
        ages.isEmpty() ? -1 : ages.get(0),
        ages.isEmpty() ? -1 : ages.get(ages.size() - 1),
        people.stream().filter(p -> "female".equals(p.gender())).count(),
        people.stream().filter(p -> "male".equals(p.gender())).count());
  }

  /** Nearest-rank percentile: a value the population has, not an interpolation. */
  static double percentile(List<Double> values, int percent) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
