/**
 * The benchmark populations: real generated patients, not hand-made ones. A Synthea population is
 * the folder {@code bench/synthea.sh} leaves in the cache (one FHIR transaction Bundle per patient
 * and a {@code population.properties} written last); {@link
 * org.cocare.bench.population.SyntheaPopulation} lists its bundles for the stages that parse, map
 * or evaluate them, and summarises them for the {@code populations} section.
 *
 * <p>Reads the bundles as plain JSON (counting entries, reading the Patient's birth date and
 * gender), not through HAPI: the summary must not cost what the benchmarks measure. Knows nothing
 * of how Synthea is run.
 */
package org.cocare.bench.population;
