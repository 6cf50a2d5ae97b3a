package org.cocare.rules.model;

/** A derived fact: the patient is in the population of recommendation {@code code}. */
public record Eligible(String code, String evidence) {}
